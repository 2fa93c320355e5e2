package dev.secupass.samples.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.api.PrincipalKind;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import dev.secupass.atrest.TinkKeysetFile;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.delivery.Addressee;
import dev.secupass.core.delivery.DeliveryDraft;
import dev.secupass.core.delivery.OpenedDelivery;
import dev.secupass.core.delivery.SentDelivery;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default: everything in one owner-only data folder, and it survives a restart. */
class SampleHostTest {
  @TempDir
  Path temp;

  @Test
  void open_embedded_keepsKeyUsersDatabaseAndBlobsInAnOwnerOnlyFolder() throws Exception {
    Path data = temp.resolve("data");

    try (SampleHost host = SampleHost.open(HostSettings.embedded(data))) {
      host.directory().add("alice", PrincipalKind.EMPLOYEE, "");
      assertThat(host.describe()).contains("H2 files in " + data.resolve("db"),
          "encrypted files in " + data.resolve("blobs"));
    }

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
        .isEqualTo("rwx------");
    assertThat(data.resolve(TinkKeysetFile.FILE_NAME)).isRegularFile();
    assertThat(data.resolve(UserDirectory.FILE_NAME)).isRegularFile();
    assertThat(data.resolve("db")).isDirectory();
    assertThat(data.resolve("blobs")).isDirectory();
  }

  @Test
  void reopened_host_opensWhatWasSentBefore_withTheSameAtRestKey() throws Exception {
    Path data = temp.resolve("data");
    SentDelivery sent;
    try (SampleHost host = SampleHost.open(settings(data))) {
      DeliveryDraft.Builder draft = DeliveryDraft.builder()
          .level(SecurityLevel.LINK)
          .to(Addressee.guest("gina@example.org"))
          .file("a.txt", new ByteArrayInputStream(new byte[] {'h', 'i'}));
      sent = host.sdk().deliveries().send(SignedInUser.employee(UserId.of("alice")),
          draft.build());
    }

    try (SampleHost host = SampleHost.open(settings(data));
        OpenedDelivery opened = host.sdk().deliveries().openByLink(sent.id(),
            sent.linkToken().orElseThrow())) {
      assertThat(opened.read(opened.files().get(0).id()).readAllBytes()).containsExactly('h', 'i');
    }
  }

  @Test
  void closing_compactsTheEmbeddedFile_whenMostOfItIsFree_asACliCommandCloses() throws Exception {
    Path data = temp.resolve("data");
    Path file = SampleHost.embeddedDatabase(settings(data)).resolveSibling("secupass.mv.db");
    String configured = System.getProperty("h2.maxCompactTime");
    System.setProperty("h2.maxCompactTime", "0"); // as the CLI closes: H2 does not compact itself
    try {
      SentDelivery sent = null;
      long largest = 0;
      for (int i = 0; i < 12; i++) {
        try (SampleHost host = SampleHost.open(settings(data))) {
          sent = host.sdk().deliveries().send(SignedInUser.employee(UserId.of("alice")),
              DeliveryDraft.builder().level(SecurityLevel.LINK)
                  .to(Addressee.guest("gina@example.org"))
                  .file("a.txt", new ByteArrayInputStream(new byte[] {'h', 'i'})).build());
        }
        largest = Math.max(largest, Files.size(file));
      }
      // Uncompacted, the new schema alone leaves 1.6 MiB, and each open about 30 KiB more.
      assertThat(largest).isLessThan(1024 * 1024);
      try (SampleHost host = SampleHost.open(settings(data));
          OpenedDelivery opened = host.sdk().deliveries().openByLink(sent.id(),
              sent.linkToken().orElseThrow())) {
        assertThat(opened.read(opened.files().get(0).id()).readAllBytes())
            .containsExactly('h', 'i');
      }
    } finally {
      if (configured == null) {
        System.clearProperty("h2.maxCompactTime");
      } else {
        System.setProperty("h2.maxCompactTime", configured);
      }
    }
  }

  private static HostSettings settings(Path data) {
    return new HostSettings(data, null, null, KdfProfile.TEST, Clock.systemUTC());
  }
}
