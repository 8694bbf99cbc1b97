package org.qianhe.batch.paper;

import org.qianhe.batch.Progress;

/**
 * The progress bar of a paper run: one line per file done, with pages, outcomes, rate and the
 * time left at this rate. Shared by the partitions' threads.
 */
final class PaperProgress {

  private static final int WIDTH = 24;

  private final Progress out;
  private long startedNanos;
  private int files;
  private int filesDone;
  private int pages;
  private int accepted;
  private int review;
  private int skippedFiles;
  private int skippedPages;

  PaperProgress(Progress out) {
    this.out = out;
  }

  synchronized void start() {
    startedNanos = System.nanoTime();
    files = filesDone = pages = accepted = review = skippedFiles = skippedPages = 0;
  }

  /** Files a partition has still to read (after a restart, only those left). */
  synchronized void add(int remainingFiles) {
    files += remainingFiles;
  }

  synchronized void fileDone(FileOutcome outcome) {
    filesDone++;
    pages += outcome.pages();
    accepted += outcome.accepted().size();
    review += outcome.reviews().size();
    skippedPages += outcome.skippedPages().size();
    out.line(bar() + "  " + org.qianhe.paper.scan.SafeNames.forLog(outcome.file()));
    // reason codes and field names only, never a value
    outcome.reviews().forEach(page -> out.line("  page " + page.page() + " for review: " + String.join(", ", page.reasons())));
  }

  synchronized void fileSkipped(String file, String reason) {
    filesDone++;
    skippedFiles++;
    out.line(bar() + "  " + org.qianhe.paper.scan.SafeNames.forLog(file) + " skipped: " + reason);
  }

  synchronized String summary() {
    return filesDone + " file(s), " + pages + " page(s): " + accepted + " accepted (staged and indexed), " + review
        + " for review, " + skippedPages + " page(s) and " + skippedFiles + " file(s) skipped"
        + String.format(" [%.1f s]", seconds());
  }

  private String bar() {
    int filled = files == 0 ? WIDTH : (int) Math.min(WIDTH, (long) WIDTH * filesDone / files);
    double seconds = seconds();
    String eta = filesDone == 0 || filesDone >= files ? "--:--"
        : clock((long) (seconds / filesDone * (files - filesDone)));
    return String.format("migrate-paper [%s%s] %3d%% %d/%d files, %d pages (%d accepted, %d review, %d skipped), %.2f pages/s, ETA %s",
        "#".repeat(filled), "-".repeat(WIDTH - filled), files == 0 ? 100 : 100 * filesDone / files, filesDone, files,
        pages, accepted, review, skippedPages + skippedFiles, seconds > 0 ? pages / seconds : 0, eta);
  }

  private double seconds() {
    return (System.nanoTime() - startedNanos) / 1e9;
  }

  private static String clock(long seconds) {
    return seconds >= 3600 ? String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
        : String.format("%02d:%02d", seconds / 60, seconds % 60);
  }
}
