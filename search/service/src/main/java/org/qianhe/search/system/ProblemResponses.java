package org.qianhe.search.system;

import java.net.URI;
import org.qianhe.search.audit.AuditUnavailableException;
import org.qianhe.model.people.RedactedErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Renders every error of the REST API as {@code application/problem+json}: our
 * {@link ProblemException}s and Spring MVC's own (404, 405, 406...) through the base class, a
 * failed audit write as 503 (the answer is withheld), anything else as a bare 500. The web UI's
 * controllers are not {@code @RestController}s and keep their own error page.
 *
 * <p>Unexpected exceptions are logged by type only: library messages (Elasticsearch's among
 * them) quote the request or documents they failed on.
 */
@RestControllerAdvice(annotations = RestController.class)
class ProblemResponses extends ResponseEntityExceptionHandler {

  /** A refusal decided inside a service (already audited there); the filter chain refuses most before. */
  @ExceptionHandler(AccessDeniedException.class)
  ResponseEntity<Object> forbidden(AccessDeniedException e, WebRequest request) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "Your roles do not allow this request.");
    body.setType(URI.create(ProblemException.TYPE_PREFIX + "forbidden"));
    body.setTitle("Forbidden");
    return createResponseEntity(body, new HttpHeaders(), HttpStatus.FORBIDDEN, request);
  }

  /** No audit row, no answer (DESIGN.md section 5: written before the result is returned). */
  @ExceptionHandler(AuditUnavailableException.class)
  ResponseEntity<Object> auditUnavailable(AuditUnavailableException e, WebRequest request) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
        "The request could not be recorded in the audit log, so it was not answered; try again later.");
    body.setType(URI.create(ProblemException.TYPE_PREFIX + "audit-unavailable"));
    body.setTitle("Audit log unavailable");
    return createResponseEntity(body, new HttpHeaders(), HttpStatus.SERVICE_UNAVAILABLE, request);
  }

  private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> unexpected(Exception e, WebRequest request) {
    log.error("request failed: {}", RedactedErrors.describe(e));
    ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
        "The service failed to answer the request.");
    body.setType(URI.create(ProblemException.TYPE_PREFIX + "internal-error"));
    body.setTitle("Internal error");
    return createResponseEntity(body, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
  }
}
