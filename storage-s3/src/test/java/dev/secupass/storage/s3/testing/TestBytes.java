package dev.secupass.storage.s3.testing;

import dev.secupass.api.BlobId;
import dev.secupass.spi.BlobOutput;
import dev.secupass.spi.BlobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.Random;

/** Test data: reproducible pseudo-random bytes, fresh blob ids, whole-blob writes and reads. */
public final class TestBytes {
  private static final SecureRandom IDS = new SecureRandom();

  private TestBytes() {}

  public static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  public static BlobId newId() {
    return BlobId.random(IDS);
  }

  /** Writes {@code bytes} as blob {@code id} and commits. */
  public static void put(BlobStore store, BlobId id, byte[] bytes) {
    try (BlobOutput out = store.create(id)) {
      out.write(bytes);
      out.commit();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code bytes} as blob {@code id} of declared size, in chunks, and commits. */
  public static void putDeclared(BlobStore store, BlobId id, byte[] bytes) {
    try (BlobOutput out = store.create(id, bytes.length)) {
      for (int at = 0; at < bytes.length; at += 256 * 1024) {
        out.write(bytes, at, Math.min(256 * 1024, bytes.length - at));
      }
      out.commit();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] readAll(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
