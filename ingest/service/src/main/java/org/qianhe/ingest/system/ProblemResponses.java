package org.qianhe.ingest.system;

import java.net.URI;
import org.qianhe.model.people.RedactedErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Renders every error as {@code application/problem+json}: our {@link ProblemException}s and
 * Spring MVC's own (405, 406..., typed {@code about:blank} as RFC 9457 asks for problems that
 * mean no more than their status) through the base class, anything else as a bare 500.
 *
 * <p>Unexpected exceptions are logged by type only: their messages are written by libraries
 * (Jackson, JDBC drivers) that quote the offending input, which may be a person's identity.
 */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> unexpected(Exception e, WebRequest request) {
    log.error("request failed: {}", RedactedErrors.describe(e));
    ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
        "The service failed to handle the request; it was not accepted.");
    body.setType(URI.create(ProblemException.TYPE_PREFIX + "internal-error"));
    body.setTitle("Internal error");
    return createResponseEntity(body, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
  }

  /** Spring's 415 says what was wrong; ours also gives it a type, so every refusal of an upload has one. */
  @Override
  protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    e.getBody().setType(URI.create(ProblemException.TYPE_PREFIX + "unsupported-media-type"));
    e.getBody().setDetail("The body must be sent as one of " + e.getSupportedMediaTypes() + ".");
    return super.handleHttpMediaTypeNotSupported(e, headers, status, request);
  }
}
