package org.qianhe.batch.archive;

import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Merkle tree hash of RFC 6962 (section 2.1) over a sequence of leaves, computed in one pass
 * with a stack of perfect subtrees: leaf = SHA-256(0x00 || data), node = SHA-256(0x01 || left ||
 * right), the tree of n leaves splits at the largest power of two below n. The domain prefixes
 * stop a node from being passed off as a leaf. The root of no leaves is SHA-256 of nothing.
 * Here the leaves are record digests, in file order.
 */
public final class MerkleTree {

  private record Subtree(int height, byte[] hash) {}

  private final Deque<Subtree> stack = new ArrayDeque<>();
  private final MessageDigest digest = Digests.sha256();
  private long leaves;

  public void add(byte[] leafData) {
    digest.update((byte) 0);
    digest.update(leafData);
    Subtree current = new Subtree(0, digest.digest());
    while (!stack.isEmpty() && stack.peek().height() == current.height()) {
      current = new Subtree(current.height() + 1, node(stack.pop().hash(), current.hash()));
    }
    stack.push(current);
    leaves++;
  }

  public long leaves() {
    return leaves;
  }

  /** The root; the tree stays usable for more leaves. */
  public byte[] root() {
    if (stack.isEmpty()) {
      return digest.digest();
    }
    // The stack holds perfect subtrees, largest at the bottom; fold them from the right.
    byte[] acc = null;
    for (Subtree subtree : stack) {
      acc = acc == null ? subtree.hash() : node(subtree.hash(), acc);
    }
    return acc;
  }

  private byte[] node(byte[] left, byte[] right) {
    digest.update((byte) 1);
    digest.update(left);
    digest.update(right);
    return digest.digest();
  }
}
