package org.qianhe.search.system;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every setting of the search service, under {@code qianhe.search}. The javadoc of each
 * component is the key's description in the generated configuration metadata.
 *
 * @param elasticsearch The Elasticsearch cluster the answers come from
 * @param defaultPageSize Consents per page when a request gives no size
 * @param maxPageSize Largest size a request may ask for; larger sizes are refused with 400 (at most 9999: Elasticsearch returns at most 10000 hits per request and a page fetches one more to know whether another follows)
 */
@Validated
@ConfigurationProperties("qianhe.search")
public record SearchProperties(
    @Valid @NotNull @DefaultValue Elasticsearch elasticsearch,
    @Min(1) @DefaultValue("100") int defaultPageSize,
    @Min(1) @Max(9999) @DefaultValue("1000") int maxPageSize) {

  @AssertTrue(message = "default-page-size must not be larger than max-page-size")
  public boolean isDefaultWithinMax() {
    return defaultPageSize <= maxPageSize;
  }

  /**
   * @param url HTTP URL of an Elasticsearch node, e.g. http://127.0.0.1:9200
   */
  public record Elasticsearch(
      @NotNull @Pattern(regexp = "https?://[^/\\s]+/?", message = "must be http(s)://host:port")
      @DefaultValue("http://127.0.0.1:9200") String url) {}
}
