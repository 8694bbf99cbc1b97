package org.qianhe.search.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.qianhe.search.system.ProblemException;

/**
 * Problem answers the security filters give before any controller runs, in the same shape as
 * {@code ProblemResponses}. The texts are fixed: nothing from the request is echoed.
 */
final class ProblemWriter {

  private ProblemWriter() {}

  static void write(HttpServletResponse response, int status, String type, String title, String detail)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/problem+json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write("{\"type\":\"" + ProblemException.TYPE_PREFIX + type + "\",\"title\":\"" + title
        + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}");
  }
}
