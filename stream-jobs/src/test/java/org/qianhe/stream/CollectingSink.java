package org.qianhe.stream;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A Sink V2 that keeps what it receives in this JVM (the MiniCluster runs in-process), so the same
 * job graph runs in a test without Kafka or Elasticsearch. The sink object is serialized into the
 * job; the results live in a static map under the sink's id.
 */
public final class CollectingSink<T> implements Sink<T> {

  private static final Map<String, Queue<Object>> RESULTS = new ConcurrentHashMap<>();

  private final String id = UUID.randomUUID().toString();

  public CollectingSink() {
    RESULTS.put(id, new ConcurrentLinkedQueue<>());
  }

  @SuppressWarnings("unchecked")
  public List<T> values() {
    return RESULTS.get(id).stream().map(value -> (T) value).toList();
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    Queue<Object> results = RESULTS.get(id);
    return new SinkWriter<>() {
      @Override
      public void write(T element, Context context) {
        results.add(element);
      }

      @Override
      public void flush(boolean endOfInput) {}

      @Override
      public void close() {}
    };
  }
}
