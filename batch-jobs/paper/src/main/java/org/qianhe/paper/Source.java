package org.qianhe.paper;

/** What confirmed a field's value, besides the OCR read itself. */
public enum Source {
  /** Read a second time from a differently prepared image, with the same result. */
  SECOND_READ,
  /** The QR code printed on the form. */
  BARCODE,
  /** The scanning vendor's manifest (keyed by a person). */
  MANIFEST,
  /** The model's code lists (vaccine code, and the name the list gives that code). */
  CODE_LIST,
  /** A closed list of the values the field can take (manufacturers, body sites), matched unambiguously. */
  VOCABULARY,
  /** The citizen ID number's own check character (GB 11643). */
  CHECK_CHARACTER,
  /** Another field of the same form (birth date inside the ID number, site code inside the form id). */
  CROSS_FIELD,
  /** Exactly one box of the group clearly ticked, the others clearly empty. */
  CLEAR_TICK
}
