package org.qianhe.ops.pipeline;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.qianhe.model.ConsentUpload;
import org.qianhe.terminal.client.ConsentClient;

/** Uploads consents from several terminals at once, as clinics do, and counts what was accepted. */
public final class SampleUploads {

  private SampleUploads() {}

  /** @return how many uploads were accepted (202) */
  public static int upload(URI ingestUri, List<ConsentUpload> uploads, int terminals, IntConsumer progress)
      throws InterruptedException {
    // signs each upload with its terminal's simulator key (registered by LocalPipeline.registerTerminals)
    ConsentClient client = ConsentClient.forSimulatedTerminals(ingestUri, Duration.ofSeconds(30));
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(terminals);
    try {
      List<Future<?>> futures = uploads.stream().<Future<?>>map(upload -> pool.submit(() -> {
        try {
          if (client.upload(upload).accepted()) {
            accepted.incrementAndGet();
          }
        } catch (IOException e) {
          // counted as not accepted; the caller compares accepted with the number sent
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        progress.accept(done.incrementAndGet());
      })).toList();
      for (Future<?> future : futures) {
        future.get();
      }
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return accepted.get();
  }
}
