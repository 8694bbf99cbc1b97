package org.qianhe.batch.paper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.qianhe.paper.scan.ScanBatch;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * The scan files of one partition: every {@code partitions}-th file of the batch's stable listing,
 * starting at {@code partition}. The position is saved after each file (chunk), so a restarted
 * partition continues with the file after the last one committed; the one in flight is read again
 * and its outputs replaced, never added twice.
 */
final class ScanFiles implements ItemStreamReader<String> {

  private static final String POSITION = "paper.files.read";

  private final Path batchDir;
  private final int partition;
  private final int partitions;
  private final PaperProgress progress;
  private List<String> files = List.of();
  private int position;

  ScanFiles(Path batchDir, int partition, int partitions, PaperProgress progress) {
    this.batchDir = batchDir;
    this.partition = partition;
    this.partitions = partitions;
    this.progress = progress;
  }

  @Override
  public void open(ExecutionContext context) {
    List<String> mine = new ArrayList<>();
    try {
      List<String> all = ScanBatch.list(batchDir).files();
      for (int i = partition; i < all.size(); i += partitions) {
        mine.add(all.get(i));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the scan batch " + batchDir, e);
    }
    files = mine;
    position = context.containsKey(POSITION) ? context.getInt(POSITION) : 0;
    progress.add(Math.max(0, files.size() - position));
  }

  @Override
  public String read() {
    return position < files.size() ? files.get(position++) : null;
  }

  @Override
  public void update(ExecutionContext context) {
    context.putInt(POSITION, position);
  }
}
