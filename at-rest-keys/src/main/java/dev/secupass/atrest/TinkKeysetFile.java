package dev.secupass.atrest;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig2026;
import dev.secupass.core.AtRestKey;
import dev.secupass.core.TinkAtRestKey;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The at-rest key in a file: a Tink AEAD keyset in Tink's JSON format, in the clear, that only its
 * owner may read. The embedded default of the samples and the starter's {@code
 * secupass.at-rest-key.source=tink-keyset-file}.
 *
 * <p>The price is the threat model's: whoever can read the file and the storage reads level 1 and
 * 2 deliveries. A deployment that can keeps the key in a KMS ({@link AwsKmsAtRestKey}) or an HSM
 * ({@link Pkcs11AtRestKey}), away from the database and the blobs.
 *
 * <p>A new file is written owner-only ({@code rw-------}, or the JDK's owner-only flags where the
 * file system has no POSIX permissions) through a synced temporary file published by a hard link,
 * so processes that create it at once all end with the one key, and a reader never sees half a
 * file. A file that others may read or write is refused (POSIX only).
 */
public final class TinkKeysetFile {
  /** The file's usual name in a data folder. */
  public static final String FILE_NAME = "at-rest-key.json";

  private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
      PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
      PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

  private TinkKeysetFile() {}

  /**
   * The key in {@code file}, which must exist.
   *
   * @throws KeysetFileException if it is missing, may be read by others, cannot be read, or does
   *     not hold a Tink AEAD keyset
   */
  public static AtRestKey load(Path file) {
    return read(Objects.requireNonNull(file, "file"), false);
  }

  /**
   * The key in {@code file}, made first (one AES-256-GCM key, owner-only) if there is no file.
   *
   * @throws KeysetFileException if it may be read by others, cannot be read or created, or does
   *     not hold a Tink AEAD keyset (a damaged file is never replaced)
   */
  public static AtRestKey loadOrCreate(Path file) {
    return read(Objects.requireNonNull(file, "file"), true);
  }

  private static AtRestKey read(Path file, boolean create) {
    String json;
    try {
      if (!Files.exists(file)) {
        if (!create) {
          throw new KeysetFileException(KeysetFileException.Reason.MISSING, file,
              "the at-rest key file " + file + " does not exist");
        }
        byte[] keyset = newKeyset();
        try {
          createOwnerOnly(file, keyset);
        } finally {
          Arrays.fill(keyset, (byte) 0);
        }
      }
      if (openToOthers(file)) {
        throw new KeysetFileException(KeysetFileException.Reason.READABLE_BY_OTHERS, file,
            "the at-rest key file " + file + " may be read by others");
      }
      json = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new KeysetFileException(KeysetFileException.Reason.UNREADABLE, file,
          "the at-rest key file " + file + " cannot be read or created ("
              + e.getClass().getSimpleName() + ")");
    } catch (GeneralSecurityException e) {
      throw new KeysetFileException(KeysetFileException.Reason.UNREADABLE, file,
          "a new at-rest key for " + file + " cannot be made");
    }
    try {
      return TinkAtRestKey.of(TinkJsonProtoKeysetFormat.parseKeyset(json, AeadConfig2026.get(),
          InsecureSecretKeyAccess.get()));
    } catch (GeneralSecurityException | RuntimeException e) {
      // Never the parser's message: it could quote key material.
      throw new KeysetFileException(KeysetFileException.Reason.NOT_A_KEYSET, file,
          "the at-rest key file " + file + " does not hold a Tink AEAD keyset");
    }
  }

  /** A new keyset in the clear, as Tink's JSON. */
  private static byte[] newKeyset() throws GeneralSecurityException {
    KeysetHandle fresh = TinkAtRestKey.newKeyset();
    return TinkJsonProtoKeysetFormat.serializeKeyset(fresh, AeadConfig2026.get(),
        InsecureSecretKeyAccess.get()).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Writes {@code content} to {@code file} unless it exists: to an owner-only temporary file,
   * synced, then published by a hard link, which fails if another process published first.
   */
  private static void createOwnerOnly(Path file, byte[] content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (dir == null) {
      throw new IOException("a file needs a folder");
    }
    Files.createDirectories(dir);
    boolean posix = Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null;
    FileAttribute<?>[] attributes = posix
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------"))}
        : new FileAttribute<?>[0];
    Path temporary = Files.createTempFile(dir, ".new-", ".tmp", attributes);
    try {
      if (!posix) {
        File plain = temporary.toFile();
        plain.setReadable(false, false);
        plain.setWritable(false, false);
        plain.setReadable(true, true);
        plain.setWritable(true, true);
      }
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
          OutputStream out = Channels.newOutputStream(channel)) {
        out.write(content);
        out.flush();
        channel.force(true);
      }
      Files.createLink(file, temporary);
    } catch (FileAlreadyExistsException raced) {
      // Another process made it first: read theirs.
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** Whether anyone but the owner may read, write or enter {@code path} (POSIX only). */
  private static boolean openToOthers(Path path) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
    if (view == null) {
      return false;
    }
    Set<PosixFilePermission> permissions = view.readAttributes().permissions();
    permissions.retainAll(OTHERS);
    return !permissions.isEmpty();
  }
}
