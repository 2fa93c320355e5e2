package dev.secupass.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import dev.secupass.core.SecuPassSdk;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.TinkAtRestKey;
import dev.secupass.core.fs.FileSystemBlobStore;
import dev.secupass.core.grants.FirstContactPolicy;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.memory.MemoryStorage;
import dev.secupass.core.testing.Streams;
import dev.secupass.core.testing.TestPolicies;
import dev.secupass.tck.MutableClock;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file of several segments streams through sending and opening on the filesystem blob store,
 * with progress reported while sending and ranged reads for resumed downloads.
 */
class LargeFileTest {
  private static final int SIZE = 5 * 1024 * 1024 + 123;
  private static final byte[] CONTENT = Streams.pattern(SIZE);

  @TempDir
  Path dir;

  @Test
  void multiSegmentFile_streamsThroughWithProgress_andReadsWholeAndByRange() throws Exception {
    MutableClock clock = MutableClock.at(Instant.parse("2026-03-01T09:00:00Z"));
    SecuPassSdk sdk = SecuPassSdk.builder().storage(new MemoryStorage(clock))
        .blobStore(new FileSystemBlobStore(dir)).atRestKey(TinkAtRestKey.generate())
        .clock(clock).kdfPolicy(TestPolicies.FAST)
        .firstContactPolicy(FirstContactPolicy.trustOnFirstUse()).build();
    SignedInUser alice = SignedInUser.employee(UserId.of("alice"));
    SignedInUser bob = SignedInUser.employee(UserId.of("bob"));
    List<Long> progress = new ArrayList<>();
    SentDelivery sent;
    try (SecuPass a = SecuPass.of("alice pass"); SecuPass b = SecuPass.of("bob pass");
        SecuPassSession aliceSession = sdk.secuPass().activate(alice.user(), a)) {
      sdk.secuPass().activate(bob.user(), b).close();
      sent = sdk.deliveries().send(alice, aliceSession, DeliveryDraft.builder()
          .level(SecurityLevel.SECRET)
          .to(Addressee.employee(bob.user(), ""))
          .file("big.bin", () -> Streams.source(CONTENT), SIZE)
          .progress((name, done, total) -> progress.add(done))
          .build());
    }
    assertThat(progress).isSorted().last().isEqualTo((long) SIZE);
    assertThat(progress.size()).isGreaterThan(10);

    try (SecuPass b = SecuPass.of("bob pass");
        SecuPassSession bobSession = sdk.secuPass().unlock(bob.user(), b);
        OpenedDelivery opened = sdk.deliveries().open(bob, bobSession, sent.id())) {
      DeliveredFile file = opened.files().get(0);
      assertThat(file.size()).isEqualTo(SIZE);
      try (InputStream whole = opened.read(file.id())) {
        assertThat(sha256(whole)).isEqualTo(MessageDigest.getInstance("SHA-256").digest(CONTENT));
      }
      int offset = 3 * 1024 * 1024 - 10;
      try (InputStream range = opened.read(file.id(), offset, 1000)) {
        assertThat(range.readAllBytes())
            .isEqualTo(Arrays.copyOfRange(CONTENT, offset, offset + 1000));
      }
    }
  }

  private static byte[] sha256(InputStream in) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    byte[] buffer = new byte[64 * 1024];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      digest.update(buffer, 0, n);
    }
    return digest.digest();
  }
}
