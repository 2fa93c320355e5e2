package dev.secupass.samples.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.atrest.TinkKeysetFile;
import dev.secupass.core.AtRestKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The samples' at-rest key: made on first start, checked on open, parsed on first use. */
class AtRestKeyFileTest {
  private static final byte[] CONTEXT = "at-rest-key-file-test".getBytes(StandardCharsets.UTF_8);

  @TempDir
  Path folder;

  @Test
  void open_newFolder_makesAnOwnerOnlyKey_thatAFolderReopenedOpens() throws Exception {
    byte[] sealed = AtRestKeyFile.open(folder).encrypt(new byte[] {1, 2, 3}, CONTEXT);
    Path file = folder.resolve(TinkKeysetFile.FILE_NAME);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    AtRestKey reopened = AtRestKeyFile.open(folder);
    assertThat(reopened.decrypt(sealed, CONTEXT)).containsExactly(1, 2, 3);
    assertThat(reopened.toString()).doesNotContain("primaryKeyId", "value");
  }

  @Test
  void open_keyReadableByOthers_isRefusedAtOnce() throws Exception {
    AtRestKeyFile.open(folder);
    Files.setPosixFilePermissions(folder.resolve(TinkKeysetFile.FILE_NAME),
        PosixFilePermissions.fromString("rw-r--r--"));

    assertThatThrownBy(() -> AtRestKeyFile.open(folder)).isInstanceOf(HostSetupException.class)
        .hasMessageContaining("may be read by others").hasMessageContaining("chmod 600");
  }

  @Test
  void open_keysetTinkRefuses_isRefusedAtFirstUse_orAtOpenWhenEager() throws Exception {
    String broken = "{\"primaryKeyId\": 1, \"key\": [{\"keyData\": {}}]}";
    Path file = Files.writeString(folder.resolve(TinkKeysetFile.FILE_NAME), broken);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

    AtRestKey key = AtRestKeyFile.open(folder);
    assertThatThrownBy(() -> key.encrypt(new byte[] {7}, CONTEXT))
        .isInstanceOf(HostSetupException.class)
        .hasMessageContaining("does not hold a Tink AEAD keyset");
    System.setProperty(AtRestKeyFile.EAGER, "true");
    try {
      assertThatThrownBy(() -> AtRestKeyFile.open(folder))
          .isInstanceOf(HostSetupException.class)
          .hasMessageContaining("does not hold a Tink AEAD keyset");
    } finally {
      System.clearProperty(AtRestKeyFile.EAGER);
    }
    assertThat(Files.readString(file)).isEqualTo(broken);
  }
}
