package org.qianhe.paper.scan;

/**
 * An opened scan file, read page by page so a long PDF is never all in memory. Not thread-safe.
 */
public interface ScanDocument extends AutoCloseable {

  String file();

  int pageCount();

  /**
   * Decodes one page (1-based).
   *
   * @throws ScanRejectedException when this page cannot be read; the other pages may still be
   */
  ScanPage page(int number) throws ScanRejectedException;

  @Override
  void close();
}
