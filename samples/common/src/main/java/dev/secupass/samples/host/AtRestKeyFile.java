package dev.secupass.samples.host;

import dev.secupass.atrest.KeysetFileException;
import dev.secupass.atrest.TinkKeysetFile;
import dev.secupass.core.AtRestKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The samples' at-rest key: {@link TinkKeysetFile} in the data folder, made on first start. A
 * folder's existing key file is checked (owner-only) when the host opens, and parsed by Tink on
 * the key's first use, so that a command that never seals or opens with it (listing an inbox)
 * does not load Tink's keyset code; a keyset Tink refuses is then refused at that first use.
 */
final class AtRestKeyFile {
  /**
   * The system property that parses the key file when the host opens, as before, instead of on
   * the key's first use (for start-up comparisons: {@code samples/cli/startup-time.sh}).
   */
  static final String EAGER = "secupass.samples.eagerAtRestKey";

  private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

  private AtRestKeyFile() {}

  /**
   * The key of the data folder {@code folder}, made (owner-only) if it has none.
   *
   * @throws HostSetupException if the file cannot be read or made, may be read by others, or
   *     (now or at first use) does not hold a Tink AEAD keyset
   */
  static AtRestKey open(Path folder) {
    Path file = folder.resolve(TinkKeysetFile.FILE_NAME);
    if (!Files.exists(file) || Boolean.getBoolean(EAGER)) {
      return load(file);
    }
    if (openToOthers(file)) {
      return load(file); // TinkKeysetFile refuses it, in its words
    }
    return new FirstUse(file);
  }

  private static AtRestKey load(Path file) {
    try {
      return TinkKeysetFile.loadOrCreate(file);
    } catch (KeysetFileException e) {
      throw new HostSetupException(e.getMessage()
          + (e.reason() == KeysetFileException.Reason.READABLE_BY_OTHERS
              ? "; make it its owner's only (chmod 600)" : ""));
    }
  }

  private static boolean openToOthers(Path file) {
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class,
        LinkOption.NOFOLLOW_LINKS);
    if (view == null) {
      return false;
    }
    try {
      Set<PosixFilePermission> permissions = view.readAttributes().permissions();
      return permissions.stream().anyMatch(OTHERS::contains);
    } catch (IOException e) {
      return true; // let TinkKeysetFile say why it cannot be read
    }
  }

  /** The key of a file, loaded on first use. */
  private static final class FirstUse implements AtRestKey {
    private final Path file;
    private volatile @Nullable AtRestKey key;

    FirstUse(Path file) {
      this.file = file;
    }

    @Override
    public byte[] encrypt(byte[] plaintext, byte[] associatedData) {
      return key().encrypt(plaintext, associatedData);
    }

    @Override
    public byte[] decrypt(byte[] ciphertext, byte[] associatedData) {
      return key().decrypt(ciphertext, associatedData);
    }

    private AtRestKey key() {
      AtRestKey loaded = key;
      if (loaded == null) {
        synchronized (this) {
          loaded = key;
          if (loaded == null) {
            loaded = load(file);
            key = loaded;
          }
        }
      }
      return Objects.requireNonNull(loaded);
    }

    @Override
    public String toString() {
      return "the at-rest key in " + file;
    }
  }
}
