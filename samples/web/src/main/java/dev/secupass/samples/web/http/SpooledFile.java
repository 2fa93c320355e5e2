package dev.secupass.samples.web.http;

import com.google.crypto.tink.StreamingAead;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

/**
 * An uploaded file waiting on the server's disk until the delivery it belongs to is sent,
 * encrypted under a key that exists only in this object's memory: a crash or a restart leaves
 * bytes nobody can read. Deleted when sent or when its web session ends.
 */
public final class SpooledFile {
  private final String id;
  private final String name;
  private final long size;
  private final Path path;
  private final StreamingAead aead;

  SpooledFile(String id, String name, long size, Path path, StreamingAead aead) {
    this.id = id;
    this.name = name;
    this.size = size;
    this.path = path;
    this.aead = aead;
  }

  /** The handle the upload page gets back and sends with the form. */
  public String id() {
    return id;
  }

  /** The file's name as uploaded. */
  public String name() {
    return name;
  }

  /** Its plaintext size in bytes. */
  public long size() {
    return size;
  }

  /** The plaintext, decrypted and authenticated as it is read. */
  public InputStream open() throws IOException {
    try {
      return aead.newDecryptingStream(Files.newInputStream(path), associatedData(id));
    } catch (GeneralSecurityException e) {
      throw new IOException("the spooled upload cannot be decrypted", e);
    }
  }

  /** Deletes the encrypted bytes; idempotent. */
  public void delete() {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete a spooled upload", e);
    }
  }

  static byte[] associatedData(String id) {
    return ("SecuPass web sample spool v1:" + id).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "SpooledFile[id=" + id + ", size=" + size + "]";
  }
}
