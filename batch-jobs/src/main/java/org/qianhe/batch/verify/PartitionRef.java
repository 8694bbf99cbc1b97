package org.qianhe.batch.verify;

/** An archive partition to verify. */
public record PartitionRef(String region, String date) {}
