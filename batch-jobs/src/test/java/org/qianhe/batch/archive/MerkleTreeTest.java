package org.qianhe.batch.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {

  /** RFC 6962 section 2.1, written recursively as the RFC states it. */
  static byte[] reference(List<byte[]> leaves) {
    MessageDigest sha = Digests.sha256();
    if (leaves.isEmpty()) {
      return sha.digest();
    }
    if (leaves.size() == 1) {
      sha.update((byte) 0);
      return sha.digest(leaves.get(0));
    }
    int k = Integer.highestOneBit(leaves.size() - 1);
    sha.update((byte) 1);
    sha.update(reference(leaves.subList(0, k)));
    return sha.digest(reference(leaves.subList(k, leaves.size())));
  }

  @Test
  void matchesTheRecursiveDefinitionForEverySizeUpTo70() {
    List<byte[]> leaves = new ArrayList<>();
    MerkleTree tree = new MerkleTree();
    assertThat(tree.root()).isEqualTo(reference(leaves));
    for (int i = 0; i < 70; i++) {
      byte[] leaf = ("record-" + i).getBytes(StandardCharsets.UTF_8);
      leaves.add(leaf);
      tree.add(leaf);
      assertThat(tree.root()).as("%d leaves", i + 1).isEqualTo(reference(leaves));
    }
  }

  @Test
  void changesWhenALeafIsRemovedOrReordered() {
    MerkleTree all = new MerkleTree();
    MerkleTree missing = new MerkleTree();
    MerkleTree swapped = new MerkleTree();
    byte[][] leaves = {{1}, {2}, {3}, {4}, {5}};
    Arrays.stream(leaves).forEach(all::add);
    Arrays.stream(leaves).filter(l -> l[0] != 3).forEach(missing::add);
    Arrays.stream(new byte[][] {{2}, {1}, {3}, {4}, {5}}).forEach(swapped::add);
    assertThat(all.root()).isNotEqualTo(missing.root()).isNotEqualTo(swapped.root());
  }
}
