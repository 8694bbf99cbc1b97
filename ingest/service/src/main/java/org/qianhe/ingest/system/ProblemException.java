package org.qianhe.ingest.system;

import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An RFC 9457 problem answer, thrown from anywhere in a request and rendered by
 * {@link ProblemResponses}. Titles and details are fixed texts and field paths: they must never
 * carry a value from the request, which may be a person's name or ID number.
 */
public class ProblemException extends ErrorResponseException {

  /** Problem types are URNs: stable identifiers that do not pretend to be a web page. */
  public static final String TYPE_PREFIX = "urn:qianhe:problem:";

  private ProblemException(HttpStatus status, ProblemDetail body) {
    super(status, body, null);
  }

  public static ProblemException of(HttpStatus status, String type, String title, String detail) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
    body.setType(URI.create(TYPE_PREFIX + type));
    body.setTitle(title);
    return new ProblemException(status, body);
  }

  /** Adds the {@code errors} member: one entry per bad field. */
  public ProblemException withErrors(List<ProblemError> errors) {
    getBody().setProperty("errors", List.copyOf(errors));
    return this;
  }

  public ProblemException withProperty(String name, Object value) {
    getBody().setProperty(name, value);
    return this;
  }

  public ProblemException withHeader(String name, String value) {
    getHeaders().set(name, value);
    return this;
  }
}
