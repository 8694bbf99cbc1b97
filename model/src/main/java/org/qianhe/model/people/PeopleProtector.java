package org.qianhe.model.people;

import java.util.LinkedHashMap;
import java.util.Map;
import org.qianhe.model.ChildIdentity;
import org.qianhe.model.ChildRef;
import org.qianhe.model.GuardianIdentity;
import org.qianhe.model.GuardianRef;
import org.qianhe.model.SealedIdentity;
import org.qianhe.model.json.ConsentJson;

/** Turns the identities a terminal sent into what a record may carry: keys, masks, a sealed copy. */
public final class PeopleProtector {

  private final BlindIndex blindIndex;
  private final IdentitySealer sealer;

  public PeopleProtector(BlindIndex blindIndex, IdentitySealer sealer) {
    this.blindIndex = blindIndex;
    this.sealer = sealer;
  }

  public ChildRef child(ChildIdentity child) {
    return ChildRef.newBuilder()
        .setKey(blindIndex.of(child.getIdNumber()))
        .setNameMasked(Masking.name(child.getName()))
        .setIdMasked(Masking.idNumber(child.getIdNumber()))
        .setBirthYearMonth(child.getBirthDate().toString().substring(0, 7))
        .setSex(child.getSex())
        .build();
  }

  public GuardianRef guardian(GuardianIdentity guardian) {
    return GuardianRef.newBuilder()
        .setKey(blindIndex.of(guardian.getIdNumber()))
        .setNameMasked(Masking.name(guardian.getName()))
        .setIdMasked(Masking.idNumber(guardian.getIdNumber()))
        .setPhoneMasked(Masking.phone(guardian.getPhone()))
        .setRelation(guardian.getRelation())
        .build();
  }

  public SealedIdentity seal(ChildIdentity child, GuardianIdentity guardian, String consentId) {
    Map<String, Object> identity = new LinkedHashMap<>();
    identity.put("child", child);
    identity.put("guardian", guardian);
    return sealer.seal(ConsentJson.canonical(identity), consentId);
  }
}
