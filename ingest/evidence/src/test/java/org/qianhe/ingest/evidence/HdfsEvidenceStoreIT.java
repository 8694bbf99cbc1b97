package org.qianhe.ingest.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qianhe.model.EvidenceRef;
import org.qianhe.model.crypto.CryptoSuites;

/** The production path: the same store on HDFS (an embedded MiniDFSCluster). */
class HdfsEvidenceStoreIT {

  private static final String CONSENT = "6f1c1c0e-8d3a-4b61-9f0e-2f8b9c1d2e3f";

  @TempDir
  static Path dir;

  private static MiniDFSCluster cluster;
  private static URI root;

  @BeforeAll
  static void startHdfs() throws Exception {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("hdfs").toString());
    cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    cluster.waitActive();
    root = URI.create(cluster.getFileSystem().getUri() + "/qianhe/evidence");
  }

  @AfterAll
  static void stopHdfs() {
    if (cluster != null) {
      cluster.shutdown();
    }
  }

  @Test
  void writeReadRewrapAndDeleteOnHdfs() throws Exception {
    Pkcs12EvidenceKeys keys = Pkcs12EvidenceKeys.loadOrCreate(dir.resolve("evidence.p12"), "pw".toCharArray(), CryptoSuites.GM);
    List<EvidenceItem> items = TestEvidence.biometric(CryptoSuites.GM, 1);
    List<EvidenceRef> refs = items.stream().map(EvidenceItem::ref).toList();

    try (EvidenceStore store = EvidenceStore.open(root, CryptoSuites.GM, keys, false)) {
      String address = store.write(CONSENT, CryptoSuites.GM, items).address();
      EvidenceStore.Stored again = store.write(CONSENT, CryptoSuites.GM, items);

      assertThat(store.root().getScheme()).isEqualTo("hdfs");
      assertThat(again.created()).isFalse();
      assertThat(store.read(CONSENT, refs).get(1).data()).isEqualTo(items.get(1).data());
      byte[] raw = store.rawBytes(address);
      assertThat(TestEvidence.contains(raw, TestEvidence.JPEG_MAGIC)).isFalse();

      keys.rotate();
      assertThat(store.rewrap(address)).isTrue();
      assertThat(store.read(CONSENT, refs).get(0).data()).isEqualTo(items.get(0).data());
      assertThat(store.list()).extracting(EvidenceStore.StoredObject::address).containsExactly(address);
      assertThat(store.delete(address)).isTrue();
      assertThat(store.list()).isEmpty();
    }
    FileSystem hdfs = cluster.getFileSystem();
    assertThat(hdfs.listStatus(new org.apache.hadoop.fs.Path("/qianhe/evidence/tmp"))).as("no temporary leftovers").isEmpty();
  }
}
