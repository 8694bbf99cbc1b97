package org.qianhe.search.export;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Set;
import org.qianhe.model.validation.ConsentValidator;
import org.qianhe.search.query.Params;
import org.qianhe.search.query.TraceCriteria;
import org.qianhe.search.security.Analyst;
import org.qianhe.search.system.ProblemException;
import org.springframework.http.HttpHeaders;
import org.springframework.util.MultiValueMap;

/**
 * An export request turned into a CSV response, for the REST API and the web UI alike.
 * Parameters are checked and the audit row written before the response is committed, so those
 * failures are still ordinary error answers; after that the rows stream as they are read.
 */
public final class ExportStreaming {

  public static final String PROGRESS = "progressId";
  static final Set<String> PARAMETERS;

  static {
    Set<String> all = new HashSet<>(TraceCriteria.POST_PARAMETERS);
    all.add(PROGRESS);
    PARAMETERS = Set.copyOf(all);
  }

  private ExportStreaming() {}

  /** @param keys null where raw ID numbers are not accepted (a URL) */
  public static void stream(ConsentExport exports, Analyst who, MultiValueMap<String, String> params,
      TraceCriteria.BlindKeys keys, HttpServletResponse response) throws IOException {
    Params p = Params.of(params, PARAMETERS);
    String progressId = p.single(PROGRESS);
    if (progressId != null && !ExportProgress.isValidId(progressId)) {
      throw ProblemException.badParameter(PROGRESS, "must be 8 to 64 letters, digits, '-' or '_'");
    }
    ConsentExport.Prepared export = exports.prepare(who, TraceCriteria.parse(p, keys), progressId);
    String name = "consents-" + LocalDateTime.now(ConsentValidator.CLINIC_ZONE)
        .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".csv";
    response.setContentType("text/csv;charset=UTF-8");
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"");
    response.setHeader("X-Total-Count", Long.toString(export.total()));
    export.writeTo(response.getOutputStream());
  }
}
