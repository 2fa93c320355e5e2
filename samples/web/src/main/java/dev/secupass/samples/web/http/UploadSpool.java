package dev.secupass.samples.web.http;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.streamingaead.PredefinedStreamingAeadParameters;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig2026;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.stream.Stream;

/**
 * Where files uploaded for a delivery wait until it is sent (a level 3 or 4 send may first need the
 * sender to choose or enter a SecuPass). Each upload streams from the request through Tink's
 * streaming AEAD (AES-256-GCM-HKDF, 1 MiB segments) under a fresh key held only in memory, so no
 * plaintext touches the disk and memory stays bounded whatever the file's size. The browser
 * client's chunked uploads of ciphertext wait here too ({@link #startCiphertext}).
 */
public final class UploadSpool {
  private static final int CHUNK = 64 * 1024;

  private final Path directory;
  private final long maxBytes;
  private final SecureRandom random;

  /**
   * @param directory created if missing; whatever an earlier run left there is deleted (its keys
   *     are gone with that process)
   * @param maxBytes the largest upload accepted
   */
  public UploadSpool(Path directory, long maxBytes, SecureRandom random) {
    this.directory = directory;
    this.maxBytes = maxBytes;
    this.random = random;
    try {
      Files.createDirectories(directory);
      try (Stream<Path> leftovers = Files.list(directory)) {
        for (Path old : leftovers.toList()) {
          Files.deleteIfExists(old);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the upload spool " + directory, e);
    }
  }

  /** The largest upload accepted, in bytes. */
  public long maxBytes() {
    return maxBytes;
  }

  /**
   * Encrypts all of {@code body} into a new spooled file.
   *
   * @throws UploadTooLargeException if it exceeds {@link #maxBytes()} (nothing is kept)
   * @throws IOException if reading the request or writing the disk fails (nothing is kept)
   */
  public SpooledFile write(String name, InputStream body) throws IOException {
    String id = newId();
    Path path = directory.resolve(id + ".spool");
    StreamingAead aead = newKey();
    long size = 0;
    boolean complete = false;
    try (OutputStream out = aead.newEncryptingStream(Files.newOutputStream(path),
        SpooledFile.associatedData(id))) {
      InputStream limited = new LimitedInput(body, maxBytes);
      byte[] chunk = new byte[CHUNK];
      int n;
      while ((n = limited.read(chunk)) >= 0) {
        size += n;
        out.write(chunk, 0, n);
      }
      complete = true;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot encrypt the upload", e);
    } finally {
      if (!complete) {
        Files.deleteIfExists(path);
      }
    }
    return new SpooledFile(id, name, size, path, aead);
  }

  /**
   * Starts a browser client's chunked upload of {@code storedSize} bytes of ciphertext: an empty
   * file only its owner (this process's user) may read, where the chunks are appended.
   */
  public SpooledCiphertext startCiphertext(long storedSize) throws IOException {
    String id = newId();
    Path path = directory.resolve(id + ".part");
    if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(path, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rw-------")));
    } else {
      Files.createFile(path);
    }
    return new SpooledCiphertext(id, storedSize, path);
  }

  private String newId() {
    byte[] idBytes = new byte[18];
    random.nextBytes(idBytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(idBytes);
  }

  private static StreamingAead newKey() {
    try {
      return KeysetHandle.generateNew(PredefinedStreamingAeadParameters.AES256_GCM_HKDF_1MB,
          StreamingAeadConfig2026.get()).getPrimitive(StreamingAeadConfig2026.get(),
          StreamingAead.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot make a spool key", e);
    }
  }
}
