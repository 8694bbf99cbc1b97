package org.qianhe.paper.read;

/**
 * A tick box group as read.
 *
 * @param value     the ticked option's value, or "" when none stands out
 * @param clear     exactly one box above the "ticked" share and every other below the "empty" share
 * @param confidence 0-1: how far the ticked box stands out from the next one
 */
public record TickRead(String value, boolean clear, double confidence) {}
