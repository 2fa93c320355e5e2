package dev.secupass.core.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.BlobId;
import dev.secupass.api.ConflictException;
import dev.secupass.spi.BlobOutput;
import dev.secupass.tck.MutableClock;
import dev.secupass.tck.Samples;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the filesystem blob store does on disk, beyond the contract the kit checks. */
class FileSystemBlobStoreTest {
  @TempDir Path root;
  private final MutableClock clock = MutableClock.at(Instant.parse("2025-03-01T10:00:00Z"));

  @Test
  void write_beforeCommit_isOnlyATemporaryFileOutsideTheBlobTree() throws IOException {
    FileSystemBlobStore blobs = new FileSystemBlobStore(root, clock, Duration.ofHours(1));
    BlobId id = Samples.blobId();
    try (BlobOutput out = blobs.create(id)) {
      out.write(Samples.bytes(100));
      out.flush();

      assertThat(filesUnder(root.resolve("blobs"))).isEmpty();
      assertThat(filesUnder(root.resolve("tmp"))).hasSize(1);
      out.commit();
    }

    assertThat(filesUnder(root.resolve("tmp"))).isEmpty();
    assertThat(filesUnder(root.resolve("blobs"))).hasSize(1);
  }

  @Test
  void abort_deletesTheTemporaryFile() throws IOException {
    FileSystemBlobStore blobs = new FileSystemBlobStore(root, clock, Duration.ofHours(1));
    BlobOutput out = blobs.create(Samples.blobId());
    out.write(Samples.bytes(100));

    out.abort();

    assertThat(filesUnder(root)).isEmpty();
  }

  @Test
  void constructor_sweepsTemporaryFilesOlderThanStaleAfter_keepsYoungerOnes() throws IOException {
    new FileSystemBlobStore(root, clock, Duration.ofHours(1));
    Path crashed = Files.writeString(root.resolve("tmp").resolve("x.1.part"), "crashed");
    Files.setLastModifiedTime(crashed, FileTime.from(clock.instant().minus(Duration.ofHours(2))));
    Path recent = Files.writeString(root.resolve("tmp").resolve("y.2.part"), "uploading");
    Files.setLastModifiedTime(recent, FileTime.from(clock.instant().minusSeconds(60)));

    new FileSystemBlobStore(root, clock, Duration.ofHours(1));

    assertThat(crashed).doesNotExist();
    assertThat(recent).exists();
  }

  @Test
  void sweepTemporaryFiles_neverDeletesAnOpenWriterOfThisStore() throws IOException {
    FileSystemBlobStore blobs = new FileSystemBlobStore(root, clock, Duration.ofHours(1));
    BlobId id = Samples.blobId();
    try (BlobOutput out = blobs.create(id)) {
      out.write(Samples.bytes(10));
      clock.advance(Duration.ofDays(2));

      assertThat(blobs.sweepTemporaryFiles(Duration.ZERO)).isZero();
      out.write(Samples.bytes(10));
      assertThat(out.commit().size()).isEqualTo(20);
    }
  }

  @Test
  void commit_racingWriterOfAnotherStoreOnTheSameDirectory_conflictsAndKeepsTheFirstBlob()
      throws IOException {
    FileSystemBlobStore first = new FileSystemBlobStore(root, clock, Duration.ofHours(1));
    FileSystemBlobStore second = new FileSystemBlobStore(root, clock, Duration.ofHours(1));
    BlobId id = Samples.blobId();
    byte[] winner = Samples.bytes(50);
    BlobOutput late = second.create(id);
    late.write(Samples.bytes(70));
    try (BlobOutput out = first.create(id)) {
      out.write(winner);
      out.commit();
    }

    assertThatThrownBy(late::commit).isInstanceOf(ConflictException.class);
    try (InputStream in = second.open(id)) {
      assertThat(in.readAllBytes()).isEqualTo(winner);
    }
    assertThat(filesUnder(root.resolve("tmp"))).isEmpty();
  }

  @Test
  void blobs_areFannedOutOverDirectories() throws IOException {
    FileSystemBlobStore blobs = new FileSystemBlobStore(root, clock, Duration.ofHours(1));
    for (int i = 0; i < 40; i++) {
      try (BlobOutput out = blobs.create(Samples.blobId())) {
        out.write(i);
        out.commit();
      }
    }

    List<Path> files = filesUnder(root.resolve("blobs"));
    assertThat(files).hasSize(40);
    assertThat(files.stream().map(Path::getParent).distinct().count()).isGreaterThan(30);
    assertThat(files).allSatisfy(
        f -> assertThat(root.resolve("blobs").relativize(f).getNameCount()).isEqualTo(3));
  }

  private static List<Path> filesUnder(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).toList();
    }
  }
}
