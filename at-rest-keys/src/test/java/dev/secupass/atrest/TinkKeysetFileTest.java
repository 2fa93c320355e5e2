package dev.secupass.atrest;

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

/**
 * The at-rest key file the samples and the starter share: created once, owner-only, the same key
 * afterwards; refused when missing (for {@code load}), open to others, or damaged, with messages
 * that name the file and quote nothing of it.
 */
class TinkKeysetFileTest {
  private static final byte[] CONTEXT = "context".getBytes(StandardCharsets.UTF_8);

  @TempDir
  Path folder;

  @Test
  void loadOrCreate_firstUse_createsAnOwnerOnlyFile_thatLaterLoadsTheSameKey() throws Exception {
    Path file = folder.resolve(TinkKeysetFile.FILE_NAME);

    AtRestKey created = TinkKeysetFile.loadOrCreate(file);
    byte[] sealed = created.encrypt(new byte[] {1, 2, 3}, CONTEXT);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(TinkKeysetFile.load(file).decrypt(sealed, CONTEXT)).containsExactly(1, 2, 3);
    assertThat(TinkKeysetFile.loadOrCreate(file).decrypt(sealed, CONTEXT))
        .containsExactly(1, 2, 3);
    try (var entries = Files.list(folder)) {
      assertThat(entries).containsExactly(file);
    }
  }

  @Test
  void loadOrCreate_missingFolders_areMade() {
    Path file = folder.resolve("a/b").resolve(TinkKeysetFile.FILE_NAME);

    TinkKeysetFile.loadOrCreate(file);

    assertThat(file).isRegularFile();
  }

  @Test
  void loadOrCreate_racingFirstUses_allEndWithOneKey() throws Exception {
    Path file = folder.resolve(TinkKeysetFile.FILE_NAME);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<AtRestKey>> keys = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        keys.add(pool.submit((Callable<AtRestKey>) () -> TinkKeysetFile.loadOrCreate(file)));
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
  void load_missingFile_isRefusedAndNothingIsMade() {
    Path file = folder.resolve(TinkKeysetFile.FILE_NAME);

    assertThatThrownBy(() -> TinkKeysetFile.load(file))
        .isInstanceOfSatisfying(KeysetFileException.class, e -> {
          assertThat(e.reason()).isEqualTo(KeysetFileException.Reason.MISSING);
          assertThat(e.file()).isEqualTo(file);
        })
        .hasMessage("the at-rest key file " + file + " does not exist");
    assertThat(file).doesNotExist();
  }

  @Test
  void loadOrCreate_fileReadableByOthers_isRefused() throws Exception {
    Path file = folder.resolve(TinkKeysetFile.FILE_NAME);
    TinkKeysetFile.loadOrCreate(file);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw----r--"));

    assertThatThrownBy(() -> TinkKeysetFile.loadOrCreate(file))
        .isInstanceOfSatisfying(KeysetFileException.class, e -> assertThat(e.reason())
            .isEqualTo(KeysetFileException.Reason.READABLE_BY_OTHERS))
        .hasMessageContaining("may be read by others");
  }

  @Test
  void loadOrCreate_damagedFile_isRefused_withoutReplacingIt_orQuotingIt() throws Exception {
    String damaged = "{\"primaryKeyId\": 1, \"key\": [{\"keyData\": {\"value\": \"c2VjcmV0\"}}]}";
    Path file = Files.writeString(folder.resolve(TinkKeysetFile.FILE_NAME), damaged);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

    assertThatThrownBy(() -> TinkKeysetFile.loadOrCreate(file))
        .isInstanceOfSatisfying(KeysetFileException.class, e -> {
          assertThat(e.reason()).isEqualTo(KeysetFileException.Reason.NOT_A_KEYSET);
          assertThat(e.getCause()).isNull();
        })
        .hasMessage("the at-rest key file " + file + " does not hold a Tink AEAD keyset")
        .hasMessageNotContaining("c2VjcmV0");
    assertThat(Files.readString(file)).isEqualTo(damaged);
  }
}
