package org.qianhe.paper;

/** What happens to a page: it continues into staging, or a person reviews it first. */
public enum Decision {
  /** Every field read with confidence and confirmed by a second source; the model's rules pass. */
  ACCEPT,
  /** Anything less: a doubtful or missing field, a disagreement, a rule broken, an unregistered page. */
  REVIEW
}
