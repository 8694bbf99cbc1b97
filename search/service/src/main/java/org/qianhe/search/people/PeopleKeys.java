package org.qianhe.search.people;

import java.util.Optional;
import org.qianhe.model.people.BlindIndex;
import org.qianhe.model.people.IdentitySealer;

/**
 * The ingest keys the search service needs: the blind-index key, to turn an ID number an
 * analyst types into the key the index holds, and the sealing key, to open a sealed identity
 * for a trace officer. The embedded default reads ingest's key file ({@link IngestKeyFile}); a
 * keystore or a KMS replaces it behind this interface.
 */
public interface PeopleKeys {

  /** Empty while the keys do not exist yet (ingest creates them on its first start). */
  Optional<BlindIndex> blindIndex();

  /** The sealer that opens identities sealed under this key id, if that key is available. */
  Optional<IdentitySealer> sealer(String keyId);

  /** The sealer of the current sealing key (what ingest seals with now), if available. */
  Optional<IdentitySealer> currentSealer();
}
