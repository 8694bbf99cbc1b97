package org.qianhe.search.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.qianhe.search.SearchFixture;
import org.qianhe.search.SearchFixtureExtension;
import org.qianhe.search.UiSession;
import org.qianhe.search.audit.AuditAction;
import org.qianhe.search.audit.AuditEvent;
import org.qianhe.search.audit.AuditRecord;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Accounts, roles, password hashing, throttling, HTTP Basic for the API and form login with CSRF for the UI. */
@ExtendWith(SearchFixtureExtension.class)
class SecurityIT {

  private static final String TRACE = "/v1/trace?lot=NO-SUCH-LOT";

  @Test
  void theApiWantsHttpBasicAndSaysSoWithoutAuditingAnAnonymousChallenge(SearchFixture f) {
    long before = f.lastAuditSeq();

    HttpResponse<String> response = f.get(null, TRACE);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
        v -> assertThat(v).startsWith("Basic realm=\"qianhe-search\""));
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        v -> assertThat(v).startsWith("application/problem+json"));
    assertThat(f.auditSince(before)).isEmpty();
  }

  @Test
  void aReaderIsAnsweredAndTheSearchIsAudited(SearchFixture f) {
    long before = f.lastAuditSeq();

    HttpResponse<String> response = f.get(SearchFixture.ZHENGZHOU, TRACE);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(f.auditSince(before)).singleElement().satisfies(r -> {
      assertThat(r.username()).isEqualTo(SearchFixture.ZHENGZHOU);
      assertThat(r.action()).isEqualTo(AuditAction.SEARCH);
      assertThat(r.summary()).isEqualTo("lot=NO-SUCH-LOT");
      assertThat(r.resultCount()).isZero();
      assertThat(r.client()).isEqualTo("127.0.0.1");
    });
  }

  @Test
  void aWrongPasswordIsRefusedAndAuditedUnderTheAccountsName(SearchFixture f) {
    long before = f.lastAuditSeq();

    HttpResponse<String> response = f.send(f.request(null, TRACE)
        .header("Authorization", SearchFixture.basic(SearchFixture.LUOYANG, "not-the-password")).GET().build());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(f.auditSince(before)).singleElement().satisfies(r -> {
      assertThat(r.action()).isEqualTo(AuditAction.DENIED);
      assertThat(r.username()).isEqualTo(SearchFixture.LUOYANG);
      assertThat(r.summary()).contains("wrong user name or password");
    });
  }

  /** People type passwords into the name field: a name without an account is not recorded. */
  @Test
  void anUnknownNameIsAuditedWithoutRecordingTheName(SearchFixture f) {
    long before = f.lastAuditSeq();

    HttpResponse<String> response = f.send(f.request(null, TRACE)
        .header("Authorization", SearchFixture.basic("MySecret-Typed-Here", "whatever")).GET().build());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(f.auditSince(before)).singleElement().satisfies(r -> {
      assertThat(r.action()).isEqualTo(AuditAction.DENIED);
      assertThat(r.username()).isEqualTo(AuditEvent.UNKNOWN_USER);
      assertThat(r.summary()).doesNotContain("MySecret");
    });
  }

  @Test
  void afterFiveFailuresEvenTheRightPasswordIsRefusedForAWhile(SearchFixture f) {
    for (int i = 0; i < 5; i++) {
      assertThat(f.send(f.request(null, TRACE).header("Authorization",
          SearchFixture.basic(SearchFixture.GUESSED, "guess-" + i)).GET().build()).statusCode()).isEqualTo(401);
    }
    long before = f.lastAuditSeq();

    HttpResponse<String> response = f.get(SearchFixture.GUESSED, TRACE);

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("Retry-After").map(Long::parseLong)).hasValueSatisfying(
        s -> assertThat(s).isBetween(1L, Duration.ofMinutes(15).toSeconds()));
    assertThat(f.auditSince(before)).singleElement().satisfies(r -> {
      assertThat(r.action()).isEqualTo(AuditAction.DENIED);
      assertThat(r.summary()).contains("too many failed attempts");
    });
    // another account from the same address is not affected
    assertThat(f.get(SearchFixture.ZHENGZHOU, TRACE).statusCode()).isEqualTo(200);
  }

  @Test
  void anAdministratorAloneReadsNoConsentAndTheAttemptIsAudited(SearchFixture f) {
    long before = f.lastAuditSeq();

    HttpResponse<String> response = f.get(SearchFixture.ADMIN, TRACE);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(f.auditSince(before)).singleElement().satisfies(r -> {
      assertThat(r.action()).isEqualTo(AuditAction.DENIED);
      assertThat(r.username()).isEqualTo(SearchFixture.ADMIN);
      assertThat(r.summary()).isEqualTo("forbidden: GET /v1/trace");
    });
  }

  @Test
  void readersCannotUseTheAdministrationApi(SearchFixture f) {
    long before = f.lastAuditSeq();

    assertThat(f.get(SearchFixture.PROVINCE, "/v1/admin/audit/verify").statusCode()).isEqualTo(403);

    assertThat(f.auditSince(before)).extracting(AuditRecord::action).containsExactly(AuditAction.DENIED);
  }

  @Test
  void passwordsAreStoredAsArgon2idHashesOnly(SearchFixture f) {
    List<String> hashes = f.app().getBean(JdbcClient.class).sql("SELECT password_hash FROM search_user")
        .query(String.class).list();

    assertThat(hashes).hasSizeGreaterThanOrEqualTo(8).allSatisfy(h -> assertThat(h).startsWith("{argon2}$argon2id$v=19$m=19456,t=2,p=1$"));
    assertThat(String.join(" ", hashes)).doesNotContain(SearchFixture.PASSWORD_SUFFIX);
  }

  @Test
  void configuredAccountsHaveTheirRolesAndRegions(SearchFixture f) {
    UserAccounts accounts = f.app().getBean(UserAccounts.class);

    assertThat(accounts.find(SearchFixture.ZHENGZHOU)).hasValueSatisfying(a -> {
      assertThat(a.roles()).containsExactly(Role.ANALYST);
      assertThat(a.scope().prefixes()).containsExactly("4101");
    });
    assertThat(accounts.find(SearchFixture.PROVINCE)).hasValueSatisfying(a -> assertThat(a.scope().all()).isTrue());
    assertThat(accounts.find(SearchFixture.ADMIN)).hasValueSatisfying(a -> assertThat(a.roles()).containsExactly(Role.ADMIN));
  }

  // --- the web UI: form login, CSRF, session cookie ---

  @Test
  void theUiSendsStrangersToTheLoginPage(SearchFixture f) {
    HttpResponse<String> response = f.get(null, "/search");

    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
  }

  @Test
  void aLoginWithoutTheFormsCsrfTokenIsRefused(SearchFixture f) {
    HttpResponse<String> page = f.get(null, "/login");
    String cookie = sessionCookie(page);

    HttpResponse<String> response = f.send(f.request(null, "/login").header("Cookie", cookie)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(SearchFixture.form(Map.of(
            "username", SearchFixture.ZHENGZHOU, "password", SearchFixture.password(SearchFixture.ZHENGZHOU)))))
        .build());

    assertThat(response.statusCode()).isEqualTo(403);
  }

  @Test
  void aFormLoginGivesAStrictHttpOnlySessionThatTheApiDoesNotAccept(SearchFixture f) {
    String session = login(f, SearchFixture.ZHENGZHOU);

    HttpResponse<String> searchPage = f.send(f.request(null, "/search").header("Cookie", session).GET().build());
    HttpResponse<String> api = f.send(f.request(null, TRACE).header("Cookie", session).GET().build());

    assertThat(searchPage.statusCode()).isEqualTo(200);
    assertThat(searchPage.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
        v -> assertThat(v).contains("script-src 'self'").doesNotContain("unsafe-inline"));
    assertThat(api.statusCode()).isEqualTo(401);
  }

  @Test
  void sessionsTimeOutAfterFifteenMinutes(SearchFixture f) {
    TomcatServletWebServerFactory factory = f.app().getBean(TomcatServletWebServerFactory.class);

    assertThat(factory.getSettings().getSession().getTimeout()).isEqualTo(Duration.ofMinutes(15));
    assertThat(factory.getSettings().getSession().getCookie().getHttpOnly()).isTrue();
  }

  static String login(SearchFixture f, String user) {
    return UiSession.login(f, user).cookie();
  }

  static String sessionCookie(HttpResponse<String> response) {
    return UiSession.sessionCookie(response);
  }
}
