package org.qianhe.ingest.system;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One bad field in a problem answer's {@code errors} array. {@code code} is a reason code when
 * the problem has one (validation rules do, JSON shape problems do not).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemError(String field, String code, String problem) {}
