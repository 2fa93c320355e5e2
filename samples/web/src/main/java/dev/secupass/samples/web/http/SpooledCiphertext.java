package dev.secupass.samples.web.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A browser client's upload arriving in chunks (docs/web-sample.md, "Uploads and downloads"):
 * ciphertext the page made, appended chunk by chunk to an owner-only file of the spool folder
 * until it has the size declared when it started, then streamed through the relay in one piece.
 * Nothing in it is secret (the page encrypted it), so it is stored as it comes. A chunk that fails
 * part-way is cut off again, so {@link #received()} is always where the next chunk starts.
 *
 * <p>One chunk at a time: {@link #begin()} claims the upload for a request's chunk and {@link
 * #end()} frees it; {@link #received()} may be read meanwhile.
 */
public final class SpooledCiphertext {
  private static final int BUFFER = 64 * 1024;

  private final String id;
  private final long storedSize;
  private final Path path;
  private volatile long received;
  private boolean busy;

  SpooledCiphertext(String id, long storedSize, Path path) {
    this.id = id;
    this.storedSize = storedSize;
    this.path = path;
  }

  /** The id the page names the upload by. */
  public String id() {
    return id;
  }

  /** The size declared when the upload started. */
  public long storedSize() {
    return storedSize;
  }

  /** The bytes received so far: where the next chunk starts. */
  public long received() {
    return received;
  }

  /** Whether every declared byte has arrived. */
  public boolean complete() {
    return received == storedSize;
  }

  /** Claims the upload for one chunk; false if another request's chunk is still arriving. */
  public synchronized boolean begin() {
    if (busy) {
      return false;
    }
    busy = true;
    return true;
  }

  /** Frees the upload after {@link #begin()}. */
  public synchronized void end() {
    busy = false;
  }

  /**
   * Appends exactly {@code length} bytes of {@code body} at {@link #received()}. On any failure
   * what was written of this chunk is cut off again and nothing counts.
   *
   * @throws IllegalArgumentException if the body is shorter or longer than {@code length}
   * @throws IOException if reading the request or writing the disk fails
   */
  public void append(long length, InputStream body) throws IOException {
    long start = received;
    if (length < 1 || length > storedSize - start) {
      throw new IllegalArgumentException("the chunk goes beyond the upload's declared size");
    }
    boolean appended = false;
    try (FileChannel out = FileChannel.open(path, StandardOpenOption.WRITE)) {
      out.position(start);
      InputStream limited = new LimitedInput(body, length);
      byte[] buffer = new byte[BUFFER];
      long count = 0;
      int n;
      while ((n = limited.read(buffer)) >= 0) {
        ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
        while (chunk.hasRemaining()) {
          out.write(chunk);
        }
        count += n;
      }
      if (count != length) {
        throw new IllegalArgumentException("the chunk is shorter than its Content-Range says");
      }
      appended = true;
    } catch (UploadTooLargeException e) {
      throw new IllegalArgumentException("the chunk is longer than its Content-Range says");
    } finally {
      if (!appended) {
        cutTo(start);
      }
    }
    received = start + length;
  }

  /**
   * Takes back the last {@code length} bytes (the final chunk, when the relay could not store the
   * whole for a reason a retry may cure), so the page sends that chunk again.
   */
  public void dropLast(long length) {
    long start = received - length;
    cutTo(start);
    received = start;
  }

  /** The ciphertext received, from its first byte. */
  public InputStream open() throws IOException {
    return Files.newInputStream(path);
  }

  /** Deletes the file; idempotent. */
  public void delete() {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete an upload's spool file", e);
    }
  }

  private void cutTo(long size) {
    if (!Files.exists(path)) {
      return; // deleted with its session meanwhile
    }
    try (FileChannel out = FileChannel.open(path, StandardOpenOption.WRITE)) {
      out.truncate(size);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot cut an upload's spool file back", e);
    }
  }

  @Override
  public String toString() {
    return "SpooledCiphertext[received=" + received + " of " + storedSize + "]";
  }
}
