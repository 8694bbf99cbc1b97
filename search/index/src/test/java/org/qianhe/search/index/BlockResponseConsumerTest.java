package org.qianhe.search.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentTooLongException;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.impl.BasicEntityDetails;
import org.junit.jupiter.api.Test;

class BlockResponseConsumerTest {

  @Test
  void anAnswerOverManyBlocksInPiecesOfAnySizeIsHandedOnByteForByte() throws Exception {
    byte[] answer = new byte[5 * BlockResponseConsumer.BLOCK + 12_345];
    SplittableRandom random = new SplittableRandom(3);
    random.nextBytes(answer);
    BlockResponseConsumer.Blocks blocks = new BlockResponseConsumer.Blocks(BlockResponseConsumer.LIMIT);
    AtomicReference<HttpEntity> handedOn = new AtomicReference<>();
    blocks.streamStart(new BasicEntityDetails(-1, ContentType.APPLICATION_JSON), callback(handedOn));

    // pieces as the I/O reactor delivers them: of any size, some empty, some crossing a block's end
    for (int at = 0; at < answer.length; ) {
      int n = Math.min(answer.length - at, random.nextInt(70_000));
      blocks.consume(ByteBuffer.wrap(answer, at, n));
      at += n;
    }
    blocks.streamEnd(null);

    HttpEntity entity = handedOn.get();
    assertThat(entity).isSameAs(blocks.getContent());
    assertThat(entity.getContentLength()).isEqualTo(answer.length);
    assertThat(entity.getContentType()).startsWith("application/json");
    try (InputStream in = entity.getContent()) {
      assertThat(in.readAllBytes()).isEqualTo(answer);
    }
  }

  @Test
  void aSmallAnswerOfKnownLengthIsOneBlockOfItsSize() throws Exception {
    byte[] answer = "{\"hits\":{\"hits\":[]}}".getBytes();
    BlockResponseConsumer.Blocks blocks = new BlockResponseConsumer.Blocks(BlockResponseConsumer.LIMIT);
    AtomicReference<HttpEntity> handedOn = new AtomicReference<>();
    blocks.streamStart(new BasicEntityDetails(answer.length, ContentType.APPLICATION_JSON), callback(handedOn));
    blocks.consume(ByteBuffer.wrap(answer));
    blocks.streamEnd(null);

    try (InputStream in = handedOn.get().getContent()) {
      assertThat(in.readAllBytes()).isEqualTo(answer);
    }
  }

  @Test
  void anAnswerOverTheLimitFailsInsteadOfFillingTheHeap() throws Exception {
    BlockResponseConsumer.Blocks blocks = new BlockResponseConsumer.Blocks(1000);
    AtomicReference<HttpEntity> handedOn = new AtomicReference<>();
    blocks.streamStart(new BasicEntityDetails(-1, ContentType.APPLICATION_JSON), callback(handedOn));
    blocks.consume(ByteBuffer.wrap(new byte[600]));

    assertThatExceptionOfType(ContentTooLongException.class)
        .isThrownBy(() -> blocks.consume(ByteBuffer.wrap(new byte[600])))
        .withMessageContaining("1000 bytes");
    assertThat(handedOn.get()).isNull();
  }

  private static FutureCallback<HttpEntity> callback(AtomicReference<HttpEntity> handedOn) {
    return new FutureCallback<>() {
      @Override
      public void completed(HttpEntity result) {
        handedOn.set(result);
      }

      @Override
      public void failed(Exception ex) {
        throw new AssertionError(ex);
      }

      @Override
      public void cancelled() {
        throw new AssertionError("cancelled");
      }
    };
  }
}
