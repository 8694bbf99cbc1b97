package org.qianhe.search.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.qianhe.search.system.SearchProperties;
import org.qianhe.search.system.SearchProperties.ConfiguredUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.stereotype.Component;

/**
 * The accounts a first run needs, from configuration.
 *
 * <ul>
 *   <li>When no enabled administrator exists, {@code bootstrap.admin-username} is created with
 *       {@code bootstrap.admin-password}. If that is empty on the embedded H2 default (a first
 *       run on a bare machine), a random password is generated and printed once to the console,
 *       never to the log. On any other database an empty password stops the start: a production
 *       first run must be given the password.</li>
 *   <li>Each of {@code bootstrap.users} (API clients such as the local pipeline) is created, or
 *       reset to its configured password, roles and regions, at every start.</li>
 * </ul>
 */
@Component
class BootstrapAccounts implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(BootstrapAccounts.class);
  private static final int GENERATED_BYTES = 18;

  private final UserAccounts accounts;
  private final SearchProperties properties;
  private final DataSource dataSource;

  BootstrapAccounts(UserAccounts accounts, SearchProperties properties, DataSource dataSource) {
    this.accounts = accounts;
    this.properties = properties;
    this.dataSource = dataSource;
  }

  @Override
  public void run(ApplicationArguments args) throws Exception {
    ensureAdministrator();
    for (ConfiguredUser user : properties.bootstrap().users()) {
      if (user.password().length() < properties.security().minPasswordLength()) {
        throw new IllegalStateException("qianhe.search.bootstrap.users: the password of " + user.username()
            + " is shorter than " + properties.security().minPasswordLength() + " characters");
      }
      boolean created = accounts.save(user.username(), user.displayName(), user.password(), roles(user.roles()),
          RegionScope.of(user.regions()));
      log.info("{} configured account {} (roles {}, regions {})", created ? "created" : "updated", user.username(),
          user.roles(), user.regions());
    }
  }

  private void ensureAdministrator() throws Exception {
    if (accounts.anyWithRole(Role.ADMIN)) {
      return;
    }
    String username = properties.bootstrap().adminUsername();
    String password = properties.bootstrap().adminPassword();
    boolean generated = false;
    if (password == null || password.isBlank()) {
      if (!embedded()) {
        throw new IllegalStateException("no administrator exists yet: set QIANHE_SEARCH_ADMIN_PASSWORD "
            + "(qianhe.search.bootstrap.admin-password) for the first start");
      }
      byte[] random = new byte[GENERATED_BYTES];
      new SecureRandom().nextBytes(random);
      password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      generated = true;
    } else if (password.length() < properties.security().minPasswordLength()) {
      throw new IllegalStateException("qianhe.search.bootstrap.admin-password is shorter than "
          + properties.security().minPasswordLength() + " characters");
    }
    accounts.save(username, "Administrator", password, EnumSet.of(Role.ADMIN), RegionScope.of(List.of()));
    log.info("created administrator account {}", username);
    if (generated) {
      // the console only, once: a log file would keep it
      System.out.println();
      System.out.println("  Qianhe search: first administrator '" + username + "', password: " + password);
      System.out.println("  (shown once; sign in and create the analysts' accounts under Admin > Users)");
      System.out.println();
    }
  }

  private boolean embedded() throws Exception {
    String product = JdbcUtils.extractDatabaseMetaData(dataSource, m -> m.getDatabaseProductName());
    return product != null && product.toUpperCase().contains("H2");
  }

  private static Set<Role> roles(List<String> names) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String name : names) {
      roles.add(Role.valueOf(name.strip()));
    }
    return roles;
  }
}
