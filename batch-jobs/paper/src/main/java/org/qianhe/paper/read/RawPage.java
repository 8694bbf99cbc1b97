package org.qianhe.paper.read;

import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.Optional;
import org.qianhe.paper.barcode.FormCode;
import org.qianhe.paper.image.Registration;

/**
 * Everything read off one page, before the cross-checks.
 *
 * @param registration empty when the page could not be registered (then nothing else was read)
 * @param code         the form's QR code, when it could be decoded
 * @param signature    the signature box in colour, deskewed (null when not registered)
 */
public record RawPage(Optional<Registration.Result> registration, Optional<FormCode> code, Map<String, FieldRead> fields,
    Map<String, TickRead> ticks, boolean signed, BufferedImage signature) {

  public static RawPage unregistered(Optional<FormCode> code) {
    return new RawPage(Optional.empty(), code, Map.of(), Map.of(), false, null);
  }
}
