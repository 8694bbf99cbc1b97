package org.qianhe.search.index;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentTooLongException;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpResponse;
import org.apache.hc.core5.http.nio.AsyncEntityConsumer;
import org.apache.hc.core5.http.nio.entity.AbstractBinDataConsumer;
import org.apache.hc.core5.http.nio.support.AbstractAsyncResponseConsumer;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Collects an answer from Elasticsearch in fixed blocks and hands it on as one stream over them.
 *
 * <p>Why not the client's default: it collects into one array that starts at 8 KiB and doubles,
 * copying at every step, and then copies the whole answer once more into an array of its exact
 * size. For a 5 000-hit export batch (about 6 MB) that is about 18 MB copied and a dozen arrays
 * thrown away, the larger of which G1 allocates outside the young generation; profiles of an
 * export showed the client's I/O threads spending about as much CPU on this as the export spends
 * turning the hits into CSV. Blocks of {@link #BLOCK} bytes are written once, never copied, and
 * stay below G1's humongous size for any heap this service runs with.
 *
 * <p>The same limit as the default consumer's applies: an answer over {@link #LIMIT} bytes fails
 * with {@link ContentTooLongException} rather than filling the heap.
 */
final class BlockResponseConsumer extends AbstractAsyncResponseConsumer<ClassicHttpResponse, HttpEntity> {

  static final int BLOCK = 128 * 1024;
  static final long LIMIT = 100L * 1024 * 1024;

  BlockResponseConsumer() {
    super(new Blocks(LIMIT));
  }

  @Override
  protected ClassicHttpResponse buildResult(HttpResponse response, HttpEntity entity, ContentType contentType) {
    BasicClassicHttpResponse result = new BasicClassicHttpResponse(response.getCode(), response.getReasonPhrase());
    result.setHeaders(response.getHeaders());
    result.setEntity(entity);
    return result;
  }

  @Override
  public void informationResponse(HttpResponse response, HttpContext context) {
    // 1xx answers carry nothing the caller reads
  }

  /** The body, block by block; read once by the caller (the entity is not repeatable). */
  static final class Blocks extends AbstractBinDataConsumer implements AsyncEntityConsumer<HttpEntity> {

    private final long limit;
    private final List<byte[]> full = new ArrayList<>();
    private byte[] current = new byte[0];
    private int used;
    private long total;
    private FutureCallback<HttpEntity> callback;
    private ContentType contentType;
    private String contentEncoding;
    private volatile HttpEntity result;

    Blocks(long limit) {
      this.limit = limit;
    }

    @Override
    public void streamStart(EntityDetails details, FutureCallback<HttpEntity> resultCallback) {
      this.callback = resultCallback;
      if (details != null) {
        contentType = details.getContentType() == null ? null : ContentType.parse(details.getContentType());
        contentEncoding = details.getContentEncoding();
      }
      // a small answer with a known length gets one block of exactly its size
      long length = details == null ? -1 : details.getContentLength();
      current = new byte[length >= 0 && length < BLOCK ? (int) length : BLOCK];
    }

    @Override
    protected int capacityIncrement() {
      return Integer.MAX_VALUE;
    }

    @Override
    protected void data(ByteBuffer src, boolean endOfStream) throws ContentTooLongException {
      total += src.remaining();
      if (total > limit) {
        throw new ContentTooLongException("Elasticsearch answer longer than " + limit + " bytes");
      }
      while (src.hasRemaining()) {
        if (used == current.length) {
          if (used > 0) {
            full.add(current);
          }
          current = new byte[BLOCK];
          used = 0;
        }
        int n = Math.min(src.remaining(), current.length - used);
        src.get(current, used, n);
        used += n;
      }
    }

    @Override
    protected void completed() {
      List<InputStream> parts = new ArrayList<>(full.size() + 1);
      for (byte[] block : full) {
        parts.add(new ByteArrayInputStream(block));
      }
      parts.add(new ByteArrayInputStream(current, 0, used));
      result = new InputStreamEntity(new SequenceInputStream(Collections.enumeration(parts)), total, contentType,
          contentEncoding);
      if (callback != null) {
        callback.completed(result);
      }
    }

    @Override
    public void failed(Exception cause) {
      if (callback != null) {
        callback.failed(cause);
      }
    }

    @Override
    public HttpEntity getContent() {
      return result;
    }

    @Override
    public void releaseResources() {
      // the blocks belong to the entity handed on; the garbage collector frees them with it
    }
  }
}
