package org.qianhe.batch.retention;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.qianhe.batch.BatchJobsProperties;
import org.qianhe.batch.compact.PartitionPruner;
import org.qianhe.ingest.evidence.EvidenceStore;
import org.qianhe.model.EvidenceKind;
import org.qianhe.model.EvidenceRef;
import org.qianhe.model.crypto.CryptoSuites;

/**
 * Deletes the evidence of the records retention removes from ingest's evidence store. A record's
 * evidence is one object at a keyed address of its consentId and evidence references
 * ({@link EvidenceStore#addresses}): found from the record alone, and never shared with another
 * consent, so deleting it touches nothing that is kept. The store is opened on first use, with
 * ingest's existing keystore (never a new one: a new address key would find nothing).
 */
public final class EvidenceDisposal implements PartitionPruner.Disposer, Closeable {

  private final BatchJobsProperties.Evidence settings;
  private EvidenceStore store;

  public EvidenceDisposal(BatchJobsProperties.Evidence settings) {
    this.settings = settings;
  }

  public boolean configured() {
    return settings.configured();
  }

  /** Objects of the record's evidence: deleted when {@code apply}, otherwise only counted. */
  @Override
  public long dispose(GenericRecord record, boolean apply) throws IOException {
    if (!configured()) {
      return 0;
    }
    EvidenceStore opened = store();
    long objects = 0;
    for (String address : opened.addresses(record.get("consentId").toString(), refs(record))) {
      if (apply ? opened.delete(address) : opened.exists(address)) {
        objects++;
      }
    }
    return objects;
  }

  /** The record's evidence references, as the store addresses them. */
  static List<EvidenceRef> refs(GenericRecord record) {
    List<EvidenceRef> refs = new ArrayList<>();
    for (Object item : (List<?>) record.get("evidence")) {
      GenericRecord ref = (GenericRecord) item;
      refs.add(EvidenceRef.newBuilder()
          .setKind(EvidenceKind.valueOf(ref.get("kind").toString()))
          .setEvidenceId(ref.get("evidenceId").toString())
          .setDigest(ref.get("digest").toString())
          .setMediaType(ref.get("mediaType").toString())
          .setSizeBytes((Long) ref.get("sizeBytes"))
          .build());
    }
    return refs;
  }

  private synchronized EvidenceStore store() throws IOException {
    if (store == null) {
      store = EvidenceStore.openExisting(settings.root(), Path.of(settings.keystore().strip()), settings.keystorePassword(),
          CryptoSuites.of(settings.cryptoSuite().strip()));
    }
    return store;
  }

  @Override
  public synchronized void close() throws IOException {
    if (store != null) {
      store.close();
      store = null;
    }
  }
}
