package dev.secupass.spring;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig2026;
import dev.secupass.core.AtRestKey;
import dev.secupass.core.TinkAtRestKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Set;

/**
 * The at-rest key of {@code secupass.at-rest-key.source=tink-keyset-file}: a Tink AEAD keyset in
 * Tink's JSON format, in the clear, in a file only its owner may read. Refuses a file others may
 * read; creates a missing one (owner-only, one AES-256-GCM key) only when told to.
 */
final class TinkKeysetFile {
  private static final Set<PosixFilePermission> OTHERS = Set.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

  private TinkKeysetFile() {}

  static AtRestKey load(Path file, boolean createIfMissing) {
    try {
      if (!Files.exists(file)) {
        if (!createIfMissing) {
          throw new SecuPassConfigurationException("the at-rest keyset file " + file
              + " does not exist", "create it with Tink (an AEAD keyset in Tink's JSON format),"
              + " or set secupass.at-rest-key.tink-keyset-file.create-if-missing=true to have a"
              + " new one made");
        }
        create(file);
      }
      if (openToOthers(file)) {
        throw new SecuPassConfigurationException("the at-rest keyset file " + file
            + " may be read by others", "make it readable by its owner only (chmod 600)");
      }
      String json = Files.readString(file, StandardCharsets.UTF_8);
      return TinkAtRestKey.of(TinkJsonProtoKeysetFormat.parseKeyset(json,
          AeadConfig2026.get(), InsecureSecretKeyAccess.get()));
    } catch (IOException e) {
      throw new SecuPassConfigurationException("the at-rest keyset file " + file
          + " cannot be read or created (" + e.getClass().getSimpleName() + ")",
          "check the path and its permissions");
    } catch (GeneralSecurityException | RuntimeException e) {
      if (e instanceof SecuPassConfigurationException config) {
        throw config;
      }
      // Never the parser's message: it could quote key material.
      throw new SecuPassConfigurationException("the at-rest keyset file " + file
          + " does not hold a Tink AEAD keyset", "point"
          + " secupass.at-rest-key.tink-keyset-file.path at a keyset in Tink's JSON format");
    }
  }

  private static void create(Path file) throws IOException, GeneralSecurityException {
    KeysetHandle fresh = TinkAtRestKey.newKeyset();
    byte[] json = TinkJsonProtoKeysetFormat.serializeKeyset(fresh, AeadConfig2026.get(),
        InsecureSecretKeyAccess.get()).getBytes(StandardCharsets.UTF_8);
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try {
      if (Files.getFileStore(parent != null ? parent : file).supportsFileAttributeView(
          PosixFileAttributeView.class)) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(file);
      }
      Files.write(file, json);
    } catch (FileAlreadyExistsException raced) {
      // Another process made it first: read theirs.
    } finally {
      java.util.Arrays.fill(json, (byte) 0);
    }
  }

  private static boolean openToOthers(Path file) throws IOException {
    if (!Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
      return false;
    }
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
    return permissions.stream().anyMatch(OTHERS::contains);
  }
}
