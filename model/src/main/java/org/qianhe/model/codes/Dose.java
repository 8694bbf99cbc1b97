package org.qianhe.model.codes;

/**
 * One dose of a vaccine's schedule.
 *
 * @param number          1-based dose number, as terminals record it
 * @param minAgeMonths    earliest age (in completed months) at which the dose is scheduled
 * @param minIntervalDays shortest gap after the previous dose of the same vaccine (0 for the first)
 */
public record Dose(int number, int minAgeMonths, int minIntervalDays) {}
