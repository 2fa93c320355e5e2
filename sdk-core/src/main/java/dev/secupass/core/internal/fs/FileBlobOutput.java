package dev.secupass.core.internal.fs;

import dev.secupass.api.BlobId;
import dev.secupass.api.ConflictException;
import dev.secupass.api.StorageException;
import dev.secupass.spi.BlobInfo;
import dev.secupass.spi.BlobOutput;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Writes a blob to its temporary file; {@link #commit()} syncs it to disk and publishes it with a
 * hard link, which fails atomically if the blob exists, so a committed blob is never replaced.
 */
public final class FileBlobOutput extends BlobOutput {
  private static final int BUFFER = 64 * 1024;

  private final BlobId id;
  private final Path temp;
  private final Path target;
  private final Runnable onFinish;
  private final FileChannel channel;
  private final OutputStream out;
  private long size;
  private boolean finished;

  /**
   * @param onFinish called once when the output is committed or aborted
   */
  public FileBlobOutput(BlobId id, Path temp, Path target, Runnable onFinish) throws IOException {
    this.id = id;
    this.temp = temp;
    this.target = target;
    this.onFinish = onFinish;
    channel = FileChannel.open(temp, StandardOpenOption.WRITE);
    out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER);
  }

  @Override
  public void write(int b) throws IOException {
    checkWritable();
    try {
      out.write(b);
    } catch (IOException e) {
      throw IoFailures.inStream("writing blob " + id, e);
    }
    size++;
  }

  @Override
  public void write(byte[] data, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, data.length);
    checkWritable();
    try {
      out.write(data, offset, length);
    } catch (IOException e) {
      throw IoFailures.inStream("writing blob " + id, e);
    }
    size += length;
  }

  @Override
  public BlobInfo commit() {
    if (finished) {
      throw new IllegalStateException("blob " + id + " was already committed or aborted");
    }
    finished = true;
    try {
      out.flush();
      channel.force(true);
      channel.close();
      Files.createDirectories(Objects.requireNonNull(target.getParent()));
      Files.createLink(target, temp);
      FsSync.directory(target.getParent());
      return new BlobInfo(id, size);
    } catch (FileAlreadyExistsException e) {
      throw new ConflictException("blob " + id + " was committed by another writer");
    } catch (IOException e) {
      throw IoFailures.storage("committing blob " + id, e);
    } catch (UnsupportedOperationException e) {
      throw new StorageException(
          "file-system blob store: the file system does not support hard links", false, e);
    } finally {
      discardTemp();
    }
  }

  @Override
  public void abort() {
    if (!finished) {
      finished = true;
      discardTemp();
    }
  }

  private void checkWritable() throws IOException {
    if (finished) {
      throw new IOException("blob " + id + " was already committed or aborted");
    }
  }

  /** Closes and deletes the temporary file; a committed blob lives on through its link. */
  private void discardTemp() {
    try {
      channel.close();
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      // Left for sweepTemporaryFiles: readers never see temporary files.
    } finally {
      onFinish.run();
    }
  }
}
