package org.qianhe.paper.form;

import java.util.regex.Pattern;

/**
 * One printed field of the form.
 *
 * @param labelX     where the printed label starts (mm); the value box follows it
 * @param whitelist  the only characters OCR may return, empty for no restriction
 * @param pattern    what a well-formed value looks like (after normalisation)
 * @param identity   a person's identity (name, ID number, phone): sealed in the record, never logged
 * @param secondRead no other source (barcode, manifest, code list) confirms this field, so it is
 *                   read twice from differently prepared images and both reads must agree
 * @param vocabulary the closed list the value must come from ({@link Vocabulary}), "" for free text
 */
public record FieldSpec(String name, String label, double labelX, Box box, FieldKind kind, String whitelist,
    Pattern pattern, boolean identity, boolean secondRead, String vocabulary) {

  public boolean wellFormed(String value) {
    return value != null && pattern.matcher(value).matches();
  }
}
