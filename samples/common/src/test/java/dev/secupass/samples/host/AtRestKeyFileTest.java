package dev.secupass.samples.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.core.AtRestKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default's at-rest key: created once, owner-only, the same key afterwards. */
class AtRestKeyFileTest {
  private static final byte[] CONTEXT = "context".getBytes(StandardCharsets.UTF_8);

  @TempDir
  Path folder;

  @Test
  void loadOrCreate_firstUse_createsAnOwnerOnlyFile_thatLaterLoadsTheSameKey() throws Exception {
    Path file = folder.resolve(AtRestKeyFile.FILE_NAME);

    AtRestKey created = AtRestKeyFile.loadOrCreate(file);
    byte[] sealed = created.encrypt(new byte[] {1, 2, 3}, CONTEXT);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(AtRestKeyFile.loadOrCreate(file).decrypt(sealed, CONTEXT))
        .containsExactly(1, 2, 3);
    try (var entries = Files.list(folder)) {
      assertThat(entries).containsExactly(file);
    }
  }

  @Test
  void loadOrCreate_racingFirstUses_allEndWithOneKey() throws Exception {
    Path file = folder.resolve(AtRestKeyFile.FILE_NAME);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<AtRestKey>> keys = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        keys.add(pool.submit((Callable<AtRestKey>) () -> AtRestKeyFile.loadOrCreate(file)));
      }
      byte[] sealed = keys.get(0).get().encrypt(new byte[] {7}, CONTEXT);
      for (Future<AtRestKey> key : keys) {
        assertThat(key.get().decrypt(sealed, CONTEXT)).containsExactly(7);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void loadOrCreate_fileReadableByOthers_isRefused() throws Exception {
    Path file = folder.resolve(AtRestKeyFile.FILE_NAME);
    AtRestKeyFile.loadOrCreate(file);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw----r--"));

    assertThatThrownBy(() -> AtRestKeyFile.loadOrCreate(file))
        .isInstanceOf(HostSetupException.class)
        .hasMessageContaining("may be read by others");
  }

  @Test
  void loadOrCreate_damagedFile_isRefused_withoutReplacingIt() throws Exception {
    Path file = Files.writeString(folder.resolve(AtRestKeyFile.FILE_NAME),
        "{\"not\": \"a keyset\"}");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

    assertThatThrownBy(() -> AtRestKeyFile.loadOrCreate(file))
        .isInstanceOf(HostSetupException.class)
        .hasMessageContaining("does not hold a Tink AEAD keyset");
    assertThat(Files.readString(file)).isEqualTo("{\"not\": \"a keyset\"}");
  }

  @Test
  void loadOrCreate_keysetTinkRefuses_isRefusedAtFirstUse_orAtLoadWhenEager() throws Exception {
    String broken = "{\"primaryKeyId\": 1, \"key\": [{\"keyData\": {}}]}";
    Path file = Files.writeString(folder.resolve(AtRestKeyFile.FILE_NAME), broken);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

    AtRestKey key = AtRestKeyFile.loadOrCreate(file);
    assertThatThrownBy(() -> key.encrypt(new byte[] {7}, CONTEXT))
        .isInstanceOf(HostSetupException.class)
        .hasMessageContaining("does not hold a Tink AEAD keyset");
    System.setProperty(AtRestKeyFile.EAGER, "true");
    try {
      assertThatThrownBy(() -> AtRestKeyFile.loadOrCreate(file))
          .isInstanceOf(HostSetupException.class)
          .hasMessageContaining("does not hold a Tink AEAD keyset");
    } finally {
      System.clearProperty(AtRestKeyFile.EAGER);
    }
    assertThat(Files.readString(file)).isEqualTo(broken);
    assertThat(key.toString()).doesNotContain("primaryKeyId");
  }
}
