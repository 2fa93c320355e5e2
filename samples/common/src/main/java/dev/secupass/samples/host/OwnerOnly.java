package dev.secupass.samples.host;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Folders only their owner may read: {@code rwx------} where the file system has POSIX
 * permissions; elsewhere the JDK's owner-only flags. (The at-rest key file is {@code
 * dev.secupass.atrest.TinkKeysetFile}'s.)
 */
final class OwnerOnly {
  private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString(
      "rwx------");

  private OwnerOnly() {}

  /** Creates {@code dir} and missing parents; a folder it creates is its owner's only. */
  static void createFolder(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Path parent = dir.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try {
      if (parent != null && posix(parent)) {
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(FOLDER));
      } else {
        Files.createDirectory(dir);
        restrict(dir);
      }
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(dir)) {
        throw e;
      }
    }
  }

  private static boolean posix(Path dir) {
    return Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null;
  }

  /** Owner-only flags where POSIX permissions are missing (best effort). */
  private static void restrict(Path path) {
    File file = path.toFile();
    file.setReadable(false, false);
    file.setWritable(false, false);
    file.setReadable(true, true);
    file.setWritable(true, true);
    if (file.isDirectory()) {
      file.setExecutable(false, false);
      file.setExecutable(true, true);
    }
  }
}
