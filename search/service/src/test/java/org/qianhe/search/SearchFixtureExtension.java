package org.qianhe.search;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.qianhe.ops.stack.LocalStackExtension;

/**
 * Gives every integration test class of a JVM the same {@link SearchFixture}: the search service
 * with the test data set, started once (about ten seconds) and closed after the last test,
 * before the shared local stack stops. Use with {@code @ExtendWith(SearchFixtureExtension.class)}
 * and take a {@code SearchFixture} parameter.
 */
public final class SearchFixtureExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SearchFixtureExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
    return parameter.getParameter().getType() == SearchFixture.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
    // the stack first: root-store values close in reverse order, so the app stops before Elasticsearch
    var node = LocalStackExtension.stack(extension).elasticsearch();
    return extension.getRoot().getStore(NAMESPACE)
        .computeIfAbsent(SearchFixture.class, type -> SearchFixture.start(node), SearchFixture.class);
  }
}
