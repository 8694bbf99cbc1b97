package org.qianhe.ingest.evidence;

/** A data key encrypted under the key-encryption key of that id. */
public record WrappedKey(String kekId, byte[] wrapped) {}
