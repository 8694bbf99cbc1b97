package org.qianhe.paper.scan;

import java.awt.image.BufferedImage;

/**
 * One page of a scan file, decoded, in colour (seals and signatures are evidence in colour).
 *
 * @param file the file's name inside the batch folder
 * @param page 1-based
 */
public record ScanPage(String file, int page, BufferedImage image) {}
