package org.qianhe.batch.paper;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import org.qianhe.batch.BatchJobsProperties;
import org.qianhe.ingest.evidence.EvidenceStore;
import org.qianhe.model.codes.CodeLists;
import org.qianhe.model.crypto.CryptoSuites;
import org.qianhe.model.people.PeopleKeyFile;
import org.qianhe.paper.PageReader;
import org.qianhe.paper.PaperConfig;
import org.qianhe.paper.check.PaperRecords;
import org.qianhe.paper.form.FormTemplate;
import org.qianhe.paper.scan.ScanOpener;
import org.qianhe.review.ReviewQueue;
import org.qianhe.review.SkipLog;
import org.qianhe.search.index.ConsentIndexClient;
import org.springframework.beans.factory.ObjectProvider;

/**
 * What the paper jobs share within a process, each opened on first use (the other batch jobs start
 * without Tesseract, keys or the review database) and closed with the application: the page reader
 * (it owns the OCR engines), the scan opener, ingest's people keys and evidence store, the review
 * queue and skip log in the search service's database, and the search index.
 */
public final class PaperServices implements AutoCloseable {

  private final PaperJobProperties properties;
  private final BatchJobsProperties.Evidence evidenceSettings;
  private final PaperConfig config;
  private final ObjectProvider<ConsentIndexClient> indexProvider;

  private PageReader reader;
  private ScanOpener opener;
  private PeopleKeyFile keys;
  private EvidenceStore evidence;
  private HikariDataSource reviewDb;
  private ReviewQueue reviews;
  private SkipLog skips;
  private ConsentIndexClient index;

  PaperServices(PaperJobProperties properties, BatchJobsProperties.Evidence evidenceSettings, PaperConfig config,
      ObjectProvider<ConsentIndexClient> indexProvider) {
    this.properties = properties;
    this.evidenceSettings = evidenceSettings;
    this.config = config;
    this.indexProvider = indexProvider;
  }

  public PaperConfig config() {
    return config;
  }

  public synchronized PageReader reader() {
    if (reader == null) {
      reader = new PageReader(config);
    }
    return reader;
  }

  public synchronized ScanOpener opener() {
    if (opener == null) {
      opener = new ScanOpener(config);
    }
    return opener;
  }

  /** Records from values, without the OCR engines (for approved reviews). */
  public PaperRecords records() {
    return new PaperRecords(FormTemplate.standard(), CodeLists.bundled(), config.clockSkew());
  }

  /** Ingest's people keys: records get the blind indexes and sealed identities ingest would give them. */
  public synchronized PeopleKeyFile keys() {
    if (keys == null) {
      keys = PeopleKeyFile.read(properties.keyFilePath());
    }
    return keys;
  }

  /**
   * Ingest's evidence store ({@code qianhe.batch.evidence.*}, or ingest's defaults under the data
   * directory). The keystore must exist: keys made here would address and open nothing ingest wrote.
   */
  public synchronized EvidenceStore evidence() {
    if (evidence == null) {
      String root = evidenceSettings.configured() ? evidenceSettings.root().strip() : properties.defaultEvidenceRoot();
      Path keystore = evidenceSettings.keystore().isBlank() ? properties.defaultEvidenceKeystore()
          : Path.of(evidenceSettings.keystore().strip());
      try {
        evidence = EvidenceStore.openExisting(root, keystore, evidenceSettings.keystorePassword(),
            CryptoSuites.of(evidenceSettings.cryptoSuite().strip()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot open the evidence store at " + root, e);
      }
    }
    return evidence;
  }

  public synchronized ReviewQueue reviews() {
    if (reviews == null) {
      reviews = new ReviewQueue(reviewDb(), keys().sealer(), Clock.systemUTC());
    }
    return reviews;
  }

  public synchronized SkipLog skips() {
    if (skips == null) {
      skips = new SkipLog(reviewDb(), Clock.systemUTC());
    }
    return skips;
  }

  /** The search index, its template and alias put in place on first use. */
  public synchronized ConsentIndexClient index() {
    if (index == null) {
      ConsentIndexClient client = indexProvider.getObject();
      try {
        client.ensureIndex();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot prepare the search index", e);
      }
      index = client;
    }
    return index;
  }

  private HikariDataSource reviewDb() {
    if (reviewDb == null) {
      HikariConfig hikari = new HikariConfig();
      hikari.setPoolName("paper-review");
      hikari.setJdbcUrl(properties.reviewDbUrl());
      hikari.setUsername(properties.reviewDb().username());
      hikari.setPassword(properties.reviewDb().password());
      hikari.setMaximumPoolSize(properties.threads() + 2);
      reviewDb = new HikariDataSource(hikari);
    }
    return reviewDb;
  }

  @Override
  public synchronized void close() throws IOException {
    if (reader != null) {
      reader.close();
    }
    if (opener != null) {
      opener.close();
    }
    if (evidence != null) {
      evidence.close();
    }
    if (reviewDb != null) {
      reviewDb.close();
    }
    // the index client is the application's bean, closed with it
  }
}
