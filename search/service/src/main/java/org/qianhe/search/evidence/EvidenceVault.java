package org.qianhe.search.evidence;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.qianhe.ingest.evidence.EvidenceItem;
import org.qianhe.ingest.evidence.EvidenceKeysMissingException;
import org.qianhe.ingest.evidence.EvidenceStore;
import org.qianhe.model.EvidenceRef;
import org.qianhe.model.crypto.CryptoSuite;
import org.qianhe.search.system.SearchProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The evidence store the ingest service writes (library {@code ingest/evidence}), opened for
 * reading. Opened on first use rather than at startup, because the search service may start before
 * ingest has created the keystore; and never created here: a keystore made by this service would
 * open nothing ingest wrote. Decrypted evidence exists only in memory, in the answer being built.
 */
@Component
public class EvidenceVault implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EvidenceVault.class);

  private final URI root;
  private final Path keystore;
  private final String configuredPassword;
  private final CryptoSuite suite;
  private EvidenceStore store;

  EvidenceVault(SearchProperties properties) {
    this.root = properties.evidenceRoot();
    this.keystore = properties.evidenceKeystore();
    this.configuredPassword = properties.evidence().keystorePassword();
    this.suite = properties.suite();
  }

  /**
   * The consent's evidence, decrypted and checked against the references' digests.
   *
   * @throws java.io.FileNotFoundException when the store holds no evidence of the consent
   * @throws org.qianhe.ingest.evidence.EvidenceIntegrityException when the object does not open or does not match
   * @throws EvidenceUnavailableException when the keystore or its password is not there (yet)
   */
  public List<EvidenceItem> read(String consentId, List<EvidenceRef> refs) throws IOException {
    return open().read(consentId, refs);
  }

  /**
   * Whether the store can be read: the keystore opens and the store's object directory answers.
   *
   * @throws EvidenceUnavailableException when the keystore or its password is not there (yet)
   * @throws IOException what the store's file system answered otherwise
   */
  public boolean available() throws IOException {
    return open().available();
  }

  /** The store's root as configured (for health details; no secret in it). */
  public URI root() {
    return root;
  }

  private synchronized EvidenceStore open() throws IOException {
    if (store == null) {
      try {
        store = EvidenceStore.openExisting(root.toString(), keystore, configuredPassword, suite);
      } catch (EvidenceKeysMissingException e) {
        throw new EvidenceUnavailableException(e.getMessage());
      }
      log.info("opened the evidence store {} with keystore {}", store.root(), keystore);
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
