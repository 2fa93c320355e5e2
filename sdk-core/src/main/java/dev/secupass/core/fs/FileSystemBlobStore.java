package dev.secupass.core.fs;

import dev.secupass.api.BlobId;
import dev.secupass.api.ConflictException;
import dev.secupass.api.NotFoundException;
import dev.secupass.core.internal.fs.BlobPaths;
import dev.secupass.core.internal.fs.FileBlobOutput;
import dev.secupass.core.internal.fs.IoFailures;
import dev.secupass.core.internal.fs.RangeInputStream;
import dev.secupass.spi.BlobInfo;
import dev.secupass.spi.BlobOutput;
import dev.secupass.spi.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link BlobStore} in a directory of the local file system: the blob store of the embedded
 * default. Thread-safe, and safe for several processes sharing the directory.
 *
 * <p><b>Writing.</b> A blob is written to a temporary file under {@code root/tmp}, which readers
 * never look at. {@link BlobOutput#commit()} flushes and fsyncs it, then publishes it with
 * {@link Files#createLink}: creating a hard link fails atomically when the target name exists, so
 * of two writers of one id exactly one commits and the other gets {@link ConflictException}, even
 * across processes, and a committed blob is never overwritten. The directory is then synced and
 * the temporary name removed. The file system must support hard links (every POSIX file system
 * and NTFS do); where it does not, commit fails with a non-retryable storage exception. Aborting
 * or closing without a commit deletes the temporary file.
 *
 * <p><b>Crashes.</b> A writer that dies before commit leaves a temporary file that no reader sees.
 * {@link #sweepTemporaryFiles(Duration)} deletes those older than an age; the constructor sweeps
 * the ones older than its {@code staleAfter}. Files of writers still open in this instance are
 * never swept.
 *
 * <p><b>Reading.</b> Reads open a {@link FileChannel} at the requested offset and stream the
 * range; memory use is a small buffer whatever the blob's size. Committed blobs live under {@code
 * root/blobs} in two levels of 256 directories chosen by a hash of the id.
 */
public final class FileSystemBlobStore implements BlobStore {
  /** The age after which the constructor treats a temporary file as a crashed writer's. */
  public static final Duration DEFAULT_STALE_AFTER = Duration.ofHours(24);

  private final BlobPaths paths;
  private final Clock clock;
  private final Set<Path> writing = ConcurrentHashMap.newKeySet();

  /**
   * A store in {@code root} (created if missing) that sweeps temporary files older than {@link
   * #DEFAULT_STALE_AFTER}.
   *
   * @throws dev.secupass.api.StorageException if the directories cannot be created
   */
  public FileSystemBlobStore(Path root) {
    this(root, Clock.systemUTC(), DEFAULT_STALE_AFTER);
  }

  /**
   * A store in {@code root} (created if missing).
   *
   * @param clock the clock temporary files' ages are measured with
   * @param staleAfter temporary files older than this are swept now; pick it longer than the
   *     slowest upload of any process sharing the directory
   * @throws IllegalArgumentException if {@code staleAfter} is negative
   * @throws dev.secupass.api.StorageException if the directories cannot be created
   */
  public FileSystemBlobStore(Path root, Clock clock, Duration staleAfter) {
    Objects.requireNonNull(root, "root");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (staleAfter.isNegative()) {
      throw new IllegalArgumentException("staleAfter must not be negative");
    }
    try {
      paths = new BlobPaths(root);
    } catch (IOException e) {
      throw IoFailures.storage("creating the directories under " + root, e);
    }
    sweepTemporaryFiles(staleAfter);
  }

  @Override
  public BlobOutput create(BlobId id) {
    Path target = paths.blob(id);
    if (Files.exists(target)) {
      throw new ConflictException("blob " + id + " exists");
    }
    Path temp;
    try {
      temp = paths.newTemp(id);
    } catch (IOException e) {
      throw IoFailures.storage("starting blob " + id, e);
    }
    writing.add(temp);
    try {
      return new FileBlobOutput(id, temp, target, () -> writing.remove(temp));
    } catch (IOException e) {
      writing.remove(temp);
      deleteQuietly(temp);
      throw IoFailures.storage("starting blob " + id, e);
    }
  }

  @Override
  public Optional<BlobInfo> stat(BlobId id) {
    try {
      return Optional.of(new BlobInfo(id, Files.size(paths.blob(id))));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw IoFailures.storage("reading the size of blob " + id, e);
    }
  }

  @Override
  public InputStream open(BlobId id, long offset, long length) {
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException("offset and length must not be negative");
    }
    FileChannel channel;
    try {
      channel = FileChannel.open(paths.blob(id), StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw new NotFoundException("no blob " + id);
    } catch (IOException e) {
      throw IoFailures.storage("opening blob " + id, e);
    }
    try {
      long size = channel.size();
      if (offset > size) {
        throw new IllegalArgumentException(
            "offset " + offset + " is beyond the end of blob " + id + " (" + size + ")");
      }
      channel.position(offset);
      return new RangeInputStream(channel, Math.min(length, size - offset), "reading blob " + id);
    } catch (IOException e) {
      closeQuietly(channel);
      throw IoFailures.storage("opening blob " + id, e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  @Override
  public boolean delete(BlobId id) {
    try {
      return Files.deleteIfExists(paths.blob(id));
    } catch (IOException e) {
      throw IoFailures.storage("deleting blob " + id, e);
    }
  }

  /**
   * Deletes the temporary files of writers that crashed: those last modified more than {@code
   * olderThan} ago, except the files of this instance's open writers. Readers never see temporary
   * files, so sweeping only reclaims space.
   *
   * @return how many files were deleted
   * @throws dev.secupass.api.StorageException if the directory cannot be listed
   */
  public int sweepTemporaryFiles(Duration olderThan) {
    Instant cutoff = clock.instant().minus(olderThan);
    int swept = 0;
    try (DirectoryStream<Path> temps =
        Files.newDirectoryStream(paths.temp(), "*" + BlobPaths.TEMP_SUFFIX)) {
      for (Path temp : temps) {
        if (!writing.contains(temp) && isOlder(temp, cutoff) && Files.deleteIfExists(temp)) {
          swept++;
        }
      }
    } catch (IOException e) {
      throw IoFailures.storage("sweeping temporary files", e);
    }
    return swept;
  }

  private static boolean isOlder(Path file, Instant cutoff) throws IOException {
    try {
      return Files.getLastModifiedTime(file).toInstant().isBefore(cutoff);
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  private static void deleteQuietly(Path temp) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      // A leftover temporary file is invisible to readers and swept later.
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // The open already failed; that failure is the one to report.
    }
  }

  @Override
  public String toString() {
    return "FileSystemBlobStore[" + paths.temp().getParent() + "]";
  }
}
