package dev.secupass.samples.host;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Files and folders only their owner may read: {@code rwx------} and {@code rw-------} where the
 * file system has POSIX permissions; elsewhere the JDK's owner-only flags.
 */
final class OwnerOnly {
  private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString(
      "rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString(
      "rw-------");
  private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
      PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
      PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

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

  /**
   * Writes {@code content} to {@code file} unless it exists, atomically: the bytes go to an
   * owner-only temporary file, are synced, and are published by a hard link, which fails if
   * another process published first.
   *
   * @return whether this call created the file ({@code false}: it existed, and is left alone)
   */
  static boolean createFile(Path file, byte[] content) throws IOException {
    Path dir = Objects.requireNonNull(file.toAbsolutePath().getParent(), "a file's folder");
    FileAttribute<?>[] attributes = posix(dir)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)}
        : new FileAttribute<?>[0];
    Path temporary = Files.createTempFile(dir, ".new-", ".tmp", attributes);
    try {
      if (attributes.length == 0) {
        restrict(temporary);
      }
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
          OutputStream out = Channels.newOutputStream(channel)) {
        out.write(content);
        out.flush();
        channel.force(true);
      }
      Files.createLink(file, temporary);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** Whether anyone but the owner may read, write or enter {@code path} (POSIX only). */
  static boolean openToOthers(Path path) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
    if (view == null) {
      return false;
    }
    Set<PosixFilePermission> permissions = view.readAttributes().permissions();
    permissions.retainAll(OTHERS);
    return !permissions.isEmpty();
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
