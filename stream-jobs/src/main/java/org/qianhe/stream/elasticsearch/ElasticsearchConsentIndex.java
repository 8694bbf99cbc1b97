package org.qianhe.stream.elasticsearch;

import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.qianhe.model.ConsentRecord;
import org.qianhe.search.index.ConsentBulkWriteException;
import org.qianhe.search.index.ConsentBulkWriter;
import org.qianhe.search.index.ConsentIndexClient;
import org.qianhe.stream.index.ConsentIndex;
import org.qianhe.stream.index.IndexFailure;

/**
 * The consents index in Elasticsearch 9 (no published Flink connector supports it), through the
 * shared {@link ConsentBulkWriter} of {@code search/index}: documents keyed by consentId, so a
 * replay overwrites; {@code flush()} waits for every in-flight request and names what failed.
 * Removals (rare: duplicates an earlier, failed attempt may have indexed) go in one bulk request
 * of their own after the documents, since the shared writer only indexes.
 */
final class ElasticsearchConsentIndex implements ConsentIndex {

  private final ConsentIndexClient client;
  private final ConsentBulkWriter bulk;
  private final String alias;
  private final List<String> removals = new ArrayList<>();

  private ElasticsearchConsentIndex(ConsentIndexClient client, ConsentBulkWriter bulk, String alias) {
    this.client = client;
    this.bulk = bulk;
    this.alias = alias;
  }

  static ElasticsearchConsentIndex open(ElasticsearchIndexSettings settings) throws IOException {
    ConsentIndexClient client = ConsentIndexClient.connect(settings.url());
    try {
      // idempotent and safe from several writers at once; a fresh cluster gets template and alias
      client.ensureIndex();
      return new ElasticsearchConsentIndex(client,
          new ConsentBulkWriter(client.client(), settings.bulkWriterSettings()), settings.alias());
    } catch (IOException | RuntimeException e) {
      client.close();
      throw e;
    }
  }

  @Override
  public void add(ConsentRecord record) {
    bulk.add(record);
  }

  @Override
  public void remove(String consentId) {
    removals.add(consentId);
  }

  @Override
  public List<IndexFailure> flush() throws IOException {
    List<IndexFailure> failures = new ArrayList<>();
    try {
      bulk.flush();
    } catch (ConsentBulkWriteException e) {
      e.failures().forEach(f -> failures.add(new IndexFailure(f.consentId(), f.status(), f.errorType())));
    }
    if (!removals.isEmpty()) {
      failures.addAll(sendRemovals());
      removals.clear();
    }
    return failures;
  }

  private List<IndexFailure> sendRemovals() {
    List<BulkOperation> deletes = removals.stream()
        .map(id -> BulkOperation.of(b -> b.delete(d -> d.index(alias).id(id)))).toList();
    List<IndexFailure> failures = new ArrayList<>();
    try {
      BulkResponse response = client.client().bulk(b -> b.operations(deletes));
      for (BulkResponseItem item : response.items()) {
        // 404 without an error is "not found": the document never existed, which is what we want
        if (item.error() != null) {
          failures.add(new IndexFailure(item.id(), item.status(), item.error().type()));
        }
      }
    } catch (ElasticsearchException e) {
      String type = e.error() != null && e.error().type() != null ? e.error().type() : "ElasticsearchException";
      removals.forEach(id -> failures.add(new IndexFailure(id, e.status(), type)));
    } catch (IOException e) {
      // no connection, timeout, a node restarting (TransportException is one): try again later
      removals.forEach(id -> failures.add(new IndexFailure(id, -1, e.getClass().getSimpleName())));
    }
    return failures;
  }

  /** The operator has settled everything before it closes; what a failed task left behind is replayed. */
  @Override
  public void close() throws IOException {
    try {
      bulk.close();
    } catch (ConsentBulkWriteException leftOver) {
      // only after a failure elsewhere: the records are replayed from the last checkpoint
    } finally {
      client.close();
    }
  }
}
