package dev.secupass.samples.cli.commands;

import static dev.secupass.samples.cli.testing.People.ALICE_PASS;
import static dev.secupass.samples.cli.testing.People.PAUL_PASS;
import static dev.secupass.samples.cli.testing.People.sentId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import dev.secupass.core.SecretAccess;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.delivery.OpenedDelivery;
import dev.secupass.core.internal.crypto.ContentCipher;
import dev.secupass.core.internal.crypto.ContentContext;
import dev.secupass.core.internal.crypto.ContentEncryptor;
import dev.secupass.core.internal.crypto.SymmetricKey;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.samples.cli.ExitCode;
import dev.secupass.samples.cli.testing.Cli;
import dev.secupass.samples.cli.testing.CliRun;
import dev.secupass.samples.cli.testing.People;
import dev.secupass.samples.host.HostSettings;
import dev.secupass.samples.host.KdfProfile;
import dev.secupass.samples.host.SampleHost;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, gap 4, through the command-line sample: {@code download} reads every file by range.
 * A recipient who holds the content key and can write to the blob store swaps in other content
 * encrypted under that key; {@code download} must refuse it with the integrity exit code and save
 * nothing of it (before format 2 it saved the forged file and exited 0).
 */
class SwappedBlobDownloadTest {
  @TempDir
  Path temp;

  @Test
  void download_ofABlobSwappedUnderTheSameKey_exitsWithIntegrity_andSavesNothing()
      throws IOException {
    Cli cli = new Cli(temp.resolve("data"));
    People.addAliceAndPaul(cli);
    People.activate(cli, "alice", ALICE_PASS);
    People.activate(cli, "paul", PAUL_PASS);
    People.verify(cli, "alice", ALICE_PASS, "paul");
    byte[] original = new byte[3 * 1024 * 1024 + 77];
    Arrays.fill(original, (byte) 'o');
    Path file = Files.write(temp.resolve("contract.pdf"), original);
    String id = sentId(cli.as("alice", ALICE_PASS, "send", "--level", "3", "--to", "paul",
        file.toString()).ok());

    Path blob;
    try (Stream<Path> files = Files.walk(cli.data().resolve("blobs"))) {
      List<Path> blobs = files.filter(Files::isRegularFile).toList();
      assertThat(blobs).hasSize(1);
      blob = blobs.get(0);
    }
    Files.write(blob, forgedUnderTheSameKey(cli.data(), DeliveryId.of(id), original.length));

    Path folder = temp.resolve("saved");
    CliRun run = cli.as("paul", PAUL_PASS, "download", id, "--out", folder.toString());

    assertThat(run.exitCode()).as("exit code; err: %s", run.err())
        .isEqualTo(ExitCode.INTEGRITY.code());
    assertThat(run.err()).contains("error: ").doesNotContain("Exception");
    assertThat(folder.resolve("contract.pdf")).doesNotExist();
    if (Files.exists(folder.resolve("contract.pdf.part"))) {
      assertThat(Files.size(folder.resolve("contract.pdf.part"))).isZero();
    }
  }

  /** Paul's forgery: the delivery's key, opened with his SecuPass, over content of his own. */
  private static byte[] forgedUnderTheSameKey(Path data, DeliveryId id, int size)
      throws IOException {
    HostSettings settings = new HostSettings(data, null, null, KdfProfile.TEST,
        Clock.systemUTC());
    SignedInUser paul = SignedInUser.partner(UserId.of("paul"));
    try (SampleHost host = SampleHost.open(settings);
        SecuPass pass = SecuPass.of(PAUL_PASS.toCharArray());
        SecuPassSession session = host.sdk().secuPass().unlock(paul.user(), pass);
        OpenedDelivery opened = host.sdk().deliveries().open(paul, session, id);
        SymmetricKey key = SymmetricKey.importBytes(opened.contentKey(SecretAccess.insecure()))) {
      ContentCipher cipher = ContentCipher.builder(key, ContentContext.deliveryFile(id,
          opened.files().get(0).id(), SecurityLevel.SECRET)).version(2).build();
      byte[] forged = new byte[size];
      Arrays.fill(forged, (byte) 'F');
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (ContentEncryptor encryptor = cipher.encrypt(out)) {
        encryptor.write(forged);
        encryptor.finish();
      }
      return out.toByteArray();
    }
  }
}
