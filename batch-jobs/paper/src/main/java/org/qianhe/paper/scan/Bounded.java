package org.qianhe.paper.scan;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a decoder under a time limit. Parsers do not answer interrupts, so on timeout the input
 * they read is closed under them (which makes them fail soon) and the file is rejected; the job
 * goes on. Errors of hostile input (any exception, or an allocation too large for the heap) become
 * a rejection with the given reason, never a crash.
 */
final class Bounded {

  interface Decoder<T> {
    T call() throws Exception;
  }

  private Bounded() {}

  static <T> T run(ExecutorService executor, long timeoutMillis, String file, int page, RejectReason onFailure,
      Decoder<T> decoder, Runnable closeInput) throws ScanRejectedException {
    Callable<T> task = decoder::call;
    Future<T> future = executor.submit(task);
    try {
      return future.get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      closeInput.run();
      throw new ScanRejectedException(RejectReason.TIMEOUT, file, page, "gave up after " + timeoutMillis + " ms");
    } catch (InterruptedException e) {
      future.cancel(true);
      closeInput.run();
      Thread.currentThread().interrupt();
      throw new ScanRejectedException(RejectReason.TIMEOUT, file, page, "interrupted");
    } catch (ExecutionException e) {
      throw translate(e.getCause(), file, page, onFailure);
    }
  }

  static ScanRejectedException translate(Throwable cause, String file, int page, RejectReason onFailure) {
    if (cause instanceof ScanRejectedException rejected) {
      return rejected;
    }
    if (cause instanceof OutOfMemoryError) {
      // one allocation larger than the heap (a declared size the limits could not see): nothing
      // was filled, the heap is intact
      return new ScanRejectedException(RejectReason.DECOMPRESSION_BOMB, file, page, "decoding needs more memory than the heap has");
    }
    if (cause instanceof Error error && !(cause instanceof StackOverflowError)) {
      throw error;
    }
    return new ScanRejectedException(onFailure, file, page, cause.getClass().getSimpleName(), cause);
  }
}
