package org.qianhe.search.people;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.qianhe.model.people.BlindIndex;
import org.qianhe.model.people.IdentitySealer;
import org.qianhe.model.people.PeopleKeyFile;
import org.qianhe.search.system.SearchProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads the key file the ingest service creates ({@code <data-dir>/keys/ingest-keys.properties},
 * parsed by the model's {@link PeopleKeyFile}). Never creates it: keys made here would match
 * nothing ingest wrote.
 *
 * <p>Read on first use rather than at startup, because the search service may start before
 * ingest has created the file; once read, the keys are kept. Messages name the file and the
 * entry, never a key.
 */
@Component
class IngestKeyFile implements PeopleKeys {

  private static final Logger log = LoggerFactory.getLogger(IngestKeyFile.class);

  private final Path file;
  private volatile PeopleKeyFile keys;

  IngestKeyFile(SearchProperties properties) {
    this.file = properties.keyFile();
  }

  @Override
  public Optional<BlindIndex> blindIndex() {
    return load().map(PeopleKeyFile::blindIndex);
  }

  @Override
  public Optional<IdentitySealer> sealer(String keyId) {
    return load().filter(k -> k.sealingKeyId().equals(keyId)).map(PeopleKeyFile::sealer);
  }

  @Override
  public Optional<IdentitySealer> currentSealer() {
    return load().map(PeopleKeyFile::sealer);
  }

  private Optional<PeopleKeyFile> load() {
    PeopleKeyFile loaded = keys;
    if (loaded != null) {
      return Optional.of(loaded);
    }
    synchronized (this) {
      if (keys == null && Files.isRegularFile(file)) {
        keys = PeopleKeyFile.read(file);
        log.info("read the ingest keys from {} (sealing key id {})", file, keys.sealingKeyId());
      }
      return Optional.ofNullable(keys);
    }
  }
}
