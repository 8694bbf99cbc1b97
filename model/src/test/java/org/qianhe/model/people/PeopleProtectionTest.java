package org.qianhe.model.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.qianhe.model.ConsentRecord;
import org.qianhe.model.Fixtures;
import org.qianhe.model.SealedIdentity;
import org.qianhe.model.json.ConsentJson;
import org.junit.jupiter.api.Test;

class PeopleProtectionTest {

  private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  @Test
  void masksKeepOnlyWhatARegisterShows() {
    assertThat(Masking.name("梁小明")).isEqualTo("梁**");
    assertThat(Masking.name("欧阳娜娜")).isEqualTo("欧***");
    assertThat(Masking.name("李")).isEqualTo("李*");
    assertThat(Masking.idNumber("41010520250301123X")).isEqualTo("4101**********123X");
    assertThat(Masking.phone("13812345678")).isEqualTo("138****5678");
    assertThat(Masking.phone("123")).isEqualTo("***");
  }

  @Test
  void blindIndexIsKeyedAndNormalised() {
    BlindIndex index = new BlindIndex(KEY);
    byte[] otherKey = Arrays.copyOf(KEY, KEY.length);
    otherKey[0] ^= 1;

    assertThat(index.of("41010520250301123x")).isEqualTo(index.of(" 41010520250301123X"));
    assertThat(index.of("41010520250301123X")).isNotEqualTo(new BlindIndex(otherKey).of("41010520250301123X"));
    assertThat(index.of("41010520250301123X")).hasSize(64).doesNotContain("410105");
    assertThatThrownBy(() -> new BlindIndex(new byte[16])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sealedIdentityOpensOnlyForItsOwnRecordAndUntampered() {
    IdentitySealer sealer = new IdentitySealer("k1", KEY);
    byte[] identity = "{\"name\":\"梁小明\"}".getBytes(StandardCharsets.UTF_8);

    SealedIdentity sealed = sealer.seal(identity, "consent-1");

    assertThat(sealer.open(sealed, "consent-1")).isEqualTo(identity);
    assertThatThrownBy(() -> sealer.open(sealed, "consent-2")).isInstanceOf(IllegalStateException.class);
    ByteBuffer tampered = ByteBuffer.wrap(sealed.getCiphertext().array().clone());
    tampered.put(20, (byte) (tampered.get(20) ^ 1));
    SealedIdentity flipped = SealedIdentity.newBuilder(sealed).setCiphertext(tampered).build();
    assertThatThrownBy(() -> sealer.open(flipped, "consent-1")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new IdentitySealer("k2", KEY).open(sealed, "consent-1"))
        .hasMessageContaining("k1");
  }

  @Test
  void aRecordCarriesNoRawIdentityInItsSearchableParts() {
    ConsentRecord record = Fixtures.validRecord();
    String json = new String(ConsentJson.write(record), StandardCharsets.UTF_8);

    assertThat(json).doesNotContain(Fixtures.CHILD_NAME, Fixtures.CHILD_ID, Fixtures.GUARDIAN_PHONE, "梁秀英");
    assertThat(record.getChild().getNameMasked()).isEqualTo("梁**");
    assertThat(record.getChild().getBirthYearMonth()).isEqualTo("2025-03");
    assertThat(record.getGuardian().getPhoneMasked()).isEqualTo("138****5678");
    assertThat(record.getIdentitySealed().getKeyId()).isEqualTo("test-1");
  }
}
