package org.qianhe.search;

import java.util.Map;
import org.qianhe.search.system.SearchProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@link SearchProperties} bound from a few keys, as Spring binds them; the rest defaults. */
public final class TestProperties {

  private TestProperties() {}

  public static SearchProperties of(Map<String, String> values) {
    return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("qianhe.search", SearchProperties.class);
  }
}
