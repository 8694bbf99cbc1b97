package org.qianhe.search.people;

import org.qianhe.search.query.TraceCriteria;
import org.qianhe.search.system.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Turns a normalised citizen ID into the blind-index key ingest stored, with ingest's key. The
 * ID number is not kept, logged or echoed; only the key goes on to the query and the audit log.
 */
@Component
public class BlindKeyLookup implements TraceCriteria.BlindKeys {

  private final PeopleKeys keys;

  BlindKeyLookup(PeopleKeys keys) {
    this.keys = keys;
  }

  @Override
  public String apply(String normalisedId) {
    return keys.blindIndex().orElseThrow(() -> ProblemException.of(HttpStatus.SERVICE_UNAVAILABLE,
            "keys-unavailable", "Keys unavailable",
            "The ingest keys are not available yet, so people cannot be looked up by ID number."))
        .of(normalisedId);
  }
}
