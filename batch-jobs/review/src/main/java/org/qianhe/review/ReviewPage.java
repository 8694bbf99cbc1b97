package org.qianhe.review;

import java.util.List;

/** One page of a listing, and how many items the whole listing has. */
public record ReviewPage(List<ReviewItem> items, long total, int offset, int limit) {}
