package org.qianhe.paper.form;

/** Pre-printed text of the blank form (title, headings, notice); {@code y} is the baseline (mm). */
public record PrintedText(String text, double x, double y, double sizePt, boolean bold, boolean centred) {}
