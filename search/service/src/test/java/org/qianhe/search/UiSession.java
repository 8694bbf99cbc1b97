package org.qianhe.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser-like session of the web UI over plain HTTP: the form login, its cookie and CSRF tokens. */
public final class UiSession {

  private final SearchFixture f;
  private final String cookie;

  private UiSession(SearchFixture f, String cookie) {
    this.f = f;
    this.cookie = cookie;
  }

  /** Logs in through the form as a browser does. */
  public static UiSession login(SearchFixture f, String user) {
    HttpResponse<String> page = f.get(null, "/login");
    String cookie = sessionCookie(page);
    HttpResponse<String> response = f.send(f.request(null, "/login").header("Cookie", cookie)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(SearchFixture.form(Map.of(
            "username", user, "password", SearchFixture.password(user), "_csrf", csrf(page.body())))))
        .build());
    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
    assertThat(response.headers().allValues("Set-Cookie")).anySatisfy(c ->
        assertThat(c).startsWith("JSESSIONID=").contains("HttpOnly").contains("SameSite=Strict"));
    return new UiSession(f, sessionCookie(response));
  }

  public String cookie() {
    return cookie;
  }

  public HttpResponse<String> get(String path) {
    return f.send(f.request(null, path).header("Cookie", cookie).GET().build());
  }

  /** Posts a form with the CSRF token taken from {@code formPage}, as the browser would. */
  public HttpResponse<String> post(String path, String formPage, Map<String, String> form) {
    Map<String, String> withToken = new LinkedHashMap<>(form);
    withToken.put("_csrf", csrf(get(formPage).body()));
    return f.send(f.request(null, path).header("Cookie", cookie)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(SearchFixture.form(withToken))).build());
  }

  public static String csrf(String html) {
    Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
    assertThat(m.find()).as("CSRF token in the form").isTrue();
    return m.group(1);
  }

  public static String sessionCookie(HttpResponse<String> response) {
    return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
        .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
  }
}
