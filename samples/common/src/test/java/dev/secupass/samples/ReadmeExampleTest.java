package dev.secupass.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.AeadConfig2026;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import dev.secupass.core.SecuPassSdk;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.TinkAtRestKey;
import dev.secupass.core.delivery.Addressee;
import dev.secupass.core.delivery.DeliveryDraft;
import dev.secupass.core.events.DeliveryReceived;
import dev.secupass.core.events.HostEvent;
import dev.secupass.core.fs.FileSystemBlobStore;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.storage.jdbc.JdbcStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README.md's embedding example and the making of its at-rest keyset, verbatim between the
 * markers, run on the embedded default.
 */
class ReadmeExampleTest {
  private static final Path SOURCE = Path.of(
      "src/test/java/dev/secupass/samples/ReadmeExampleTest.java");
  private static final String BEGIN = "    // README begin";
  private static final String END = "    // README end";
  private static final String KEYSET_BEGIN = "    // README keyset begin";
  private static final String KEYSET_END = "    // README keyset end";

  @TempDir
  Path data;

  /** The host's mail, collecting what it would send. */
  private static final class Mailer {
    final List<HostEvent> sent = new ArrayList<>();

    void send(HostEvent event) {
      sent.add(event);
    }
  }

  @Test
  void readmeExample_sendsALevel3DeliveryToANewGuest_andHandsTheEventsToTheMailer()
      throws Exception {
    // A local key standing in for the KMS key that keeps the at-rest keyset.
    Aead kmsAead = TinkAtRestKey.newKeyset().getPrimitive(AeadConfig2026.get(), Aead.class);
    Path keyFile = data.resolve("at-rest-keyset.bin");
    // README keyset begin
    // Once, when the host is installed: a new AES-256-GCM keyset, encrypted under the KMS key.
    Files.write(keyFile, TinkAtRestKey.writeKeyset(TinkAtRestKey.newKeyset(), kmsAead));

    // At every start:
    KeysetHandle keyset = TinkAtRestKey.readKeyset(Files.readAllBytes(keyFile), kmsAead);
    // README keyset end

    char[] typedSecuPass = "alice's secupass".toCharArray();
    Path contract = Files.writeString(data.resolve("contract.pdf"), "%PDF");
    Mailer mailer = new Mailer();

    // README begin
    try (JdbcStorage storage = JdbcStorage.embedded(data.resolve("db"));  // H2 in files
        SecuPassSdk sdk = SecuPassSdk.builder()
            .storage(storage)
            .blobStore(new FileSystemBlobStore(data.resolve("blobs")))
            .atRestKey(TinkAtRestKey.of(keyset))  // levels 1-2: keep this key in a KMS
            .build()) {
      SignedInUser alice = SignedInUser.employee(UserId.of("alice"));  // the host signed her in

      try (SecuPass pass = SecuPass.of(typedSecuPass);
          SecuPassSession session = sdk.secuPass().activate(alice.user(), pass)) {
        sdk.deliveries().send(alice, session, DeliveryDraft.builder()
            .level(SecurityLevel.SECRET)
            .subject("Contract").message("Please sign by Friday.")
            .to(Addressee.guest("gina@example.org"))
            .file(contract)
            .build());
      }
      for (HostEvent event : sdk.events().claim(100)) {  // leased: one node mails each event
        mailer.send(event);  // the host's e-mail: an invitation to event.audience().address()
        sdk.events().acknowledge(event.id());
      }
    }
    // README end

    try (JdbcStorage reopened = JdbcStorage.embedded(data.resolve("db"))) {
      assertThat(reopened.events().claim(100, Duration.ofMinutes(1)))
          .as("events left unacknowledged").isEmpty();
    }
    assertThat(mailer.sent).extracting(event -> event.getClass().getSimpleName())
        .containsExactly("DeliveryReceived", "SecuPassRequired");
    DeliveryReceived invitation = (DeliveryReceived) mailer.sent.get(0);
    assertThat(invitation.invitation()).isPresent();
    assertThat(invitation.audience().address()).contains("gina@example.org");
  }

  @Test
  void readme_showsTheExampleVerbatim() throws Exception {
    String section = embeddingSection();
    String block = section.substring(section.indexOf("```java\n") + 8,
        section.indexOf("```", section.indexOf("```java\n") + 8));

    assertThat(block).isEqualTo(between(BEGIN, END));
  }

  @Test
  void readme_showsHowTheKeysetIsMadeAndKept_verbatim() throws Exception {
    String section = embeddingSection();
    int second = section.indexOf("```java\n", section.indexOf("```java\n") + 8) + 8;
    String block = section.substring(second, section.indexOf("```", second));

    assertThat(block).isEqualTo(between(KEYSET_BEGIN, KEYSET_END));
  }

  private static String embeddingSection() throws Exception {
    String readme = Files.readString(Path.of("../../README.md"));
    return readme.substring(readme.indexOf("## Embedding the SDK"));
  }

  /** The lines of this file between two markers, as the README shows them. */
  private static String between(String begin, String end) throws Exception {
    List<String> source = Files.readAllLines(SOURCE);
    List<String> example = source.subList(source.indexOf(begin) + 1, source.indexOf(end))
        .stream().map(line -> line.replaceFirst("^    ", "")).toList();
    return String.join("\n", example) + "\n";
  }
}
