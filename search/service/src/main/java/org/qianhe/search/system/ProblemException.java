package org.qianhe.search.system;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An RFC 9457 problem answer, thrown from anywhere in a request and rendered as
 * {@code application/problem+json}. Titles and details are fixed texts and parameter names:
 * they never repeat a value from the request.
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

  /** 400 naming the request parameter that is missing or wrong, and why (never its value). */
  public static ProblemException badParameter(String parameter, String problem) {
    ProblemException e = of(HttpStatus.BAD_REQUEST, "bad-parameter", "Bad request parameter", parameter + ": " + problem);
    e.getBody().setProperty("parameter", parameter);
    return e;
  }

  /** 503: the index cannot answer now; the request may be repeated later. */
  public static ProblemException searchUnavailable(String detail) {
    return of(HttpStatus.SERVICE_UNAVAILABLE, "search-unavailable", "Search unavailable", detail);
  }

  public String parameter() {
    Object parameter = getBody().getProperties() == null ? null : getBody().getProperties().get("parameter");
    return parameter == null ? null : parameter.toString();
  }
}
