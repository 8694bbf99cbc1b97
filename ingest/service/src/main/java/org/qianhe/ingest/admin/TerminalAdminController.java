package org.qianhe.ingest.admin;

import java.util.List;
import org.qianhe.ingest.system.IngestProperties;
import org.qianhe.ingest.system.ProblemError;
import org.qianhe.ingest.system.ProblemException;
import org.qianhe.ingest.terminal.Terminal;
import org.qianhe.ingest.terminal.TerminalRegistry;
import org.qianhe.model.crypto.CryptoSuite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Register, list and revoke terminals ({@code /v1/admin/terminals}, admin token required, see
 * {@link AdminAuthorization}). Every change is logged with the terminal and key id, so the
 * service log says who could upload when.
 */
@RestController
@RequestMapping(path = "/v1/admin/terminals", produces = MediaType.APPLICATION_JSON_VALUE)
class TerminalAdminController {

  private static final Logger log = LoggerFactory.getLogger(TerminalAdminController.class);

  private final TerminalRegistry terminals;
  private final CryptoSuite defaultSuite;

  TerminalAdminController(TerminalRegistry terminals, IngestProperties properties) {
    this.terminals = terminals;
    this.defaultSuite = properties.suite();
  }

  /** Registers a terminal or re-keys / moves a known one; a revoked terminal stays revoked. */
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  TerminalView register(@RequestBody TerminalRegistration registration) {
    List<ProblemError> problems = registration.problems(defaultSuite);
    if (!problems.isEmpty()) {
      throw ProblemException.of(HttpStatus.BAD_REQUEST, "invalid-registration", "Invalid terminal registration",
          problems.size() + " field(s) cannot be registered; see errors.").withErrors(problems);
    }
    CryptoSuite suite = registration.suite(defaultSuite);
    Terminal terminal = terminals.register(registration.terminalId(), registration.siteCode(),
        registration.regionCode(), registration.key(suite));
    log.info("terminal {} registered at site {} with {} key {} (status {})", terminal.terminalId(),
        terminal.siteCode(), suite.name(), terminal.publicKey().map(k -> k.keyId()).orElse("-"), terminal.status());
    return TerminalView.of(terminal);
  }

  @GetMapping
  List<TerminalView> list() {
    return terminals.list().stream().map(TerminalView::of).toList();
  }

  @GetMapping("/{terminalId}")
  TerminalView get(@PathVariable String terminalId) {
    return terminals.find(terminalId).map(TerminalView::of).orElseThrow(TerminalAdminController::notFound);
  }

  /** Refuses every later upload of the terminal; its past consents stay traceable to it. */
  @PostMapping("/{terminalId}/revoke")
  TerminalView revoke(@PathVariable String terminalId) {
    if (!terminals.revoke(terminalId)) {
      throw notFound();
    }
    log.info("terminal {} revoked", terminalId);
    return get(terminalId);
  }

  private static ProblemException notFound() {
    return ProblemException.of(HttpStatus.NOT_FOUND, "terminal-not-found", "Terminal not found",
        "No terminal of that id is registered.");
  }
}
