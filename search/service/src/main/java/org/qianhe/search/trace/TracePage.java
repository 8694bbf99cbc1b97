package org.qianhe.search.trace;

import java.util.List;
import java.util.Map;

/**
 * One page of a trace answer.
 *
 * @param total every consent that matches, not only this page's
 * @param results masked consent documents in the requested order (oldest first by default)
 * @param next the {@code searchAfter} value for the following page; null on the last page
 */
public record TracePage(long total, List<Map<String, Object>> results, String next) {}
