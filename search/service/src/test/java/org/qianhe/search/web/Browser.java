package org.qianhe.search.web;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) driven by
 * Selenium. The binary and the driver are given explicitly, otherwise Selenium Manager would try
 * to download them; the flags are the ones that work as root in a container without a GPU or a
 * large /dev/shm (DESIGN.md section 12). Downloads land in {@code downloads}.
 */
final class Browser implements AutoCloseable {

  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  private final ChromeDriver driver;
  private final String base;

  Browser(String base, Path downloads) {
    this.base = base;
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--window-size=1400,1000", "--lang=zh-CN");
    options.setExperimentalOption("prefs", Map.of(
        "download.default_directory", downloads.toAbsolutePath().toString(),
        "download.prompt_for_download", false,
        "intl.accept_languages", "zh-CN"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
  }

  WebDriver driver() {
    return driver;
  }

  void open(String path) {
    driver.get(base + path);
  }

  void login(String user, String password) {
    open("/login");
    driver.findElement(By.id("username")).sendKeys(user);
    driver.findElement(By.id("password")).sendKeys(password);
    driver.findElement(By.id("login-submit")).click();
    waitFor(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
  }

  void logout() {
    driver.manage().deleteAllCookies();
  }

  WebElement byId(String id) {
    return waitFor(ExpectedConditions.presenceOfElementLocated(By.id(id)));
  }

  <T> T waitFor(java.util.function.Function<? super WebDriver, T> condition) {
    return new WebDriverWait(driver, Duration.ofSeconds(20)).until(condition);
  }

  /** Runs a script in the page (WebDriver's own channel: the page's content security policy does not apply). */
  Object script(String script, Object... args) {
    return driver.executeScript(script, args);
  }

  String text() {
    return driver.findElement(By.tagName("body")).getText();
  }

  String url() {
    return driver.getCurrentUrl();
  }

  @Override
  public void close() {
    driver.quit();
  }
}
