package org.qianhe.model.codes;

/**
 * A version of an electronic notice, as terminals show it.
 *
 * @param digest lowercase hex SHA-256 of {@code text} in UTF-8: what a consent's
 *               {@code notice.digest} must be for this template and version
 */
public record NoticeTemplate(String templateId, String version, String vaccineCode, String text, String digest) {}
