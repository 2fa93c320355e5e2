package dev.secupass.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import dev.secupass.core.delivery.Addressee;
import dev.secupass.core.delivery.DeliveryDraft;
import dev.secupass.core.delivery.SentDelivery;
import dev.secupass.core.events.EventTypes;
import dev.secupass.core.events.HostEvent;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.memory.MemoryBlobStore;
import dev.secupass.core.memory.MemoryStorage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example of README.md, "Sending a delivery", verbatim between the markers. */
class ReadmeExampleTest {

  @Test
  void readmeExample_sendsALevel3DeliveryToANewGuest_andHandsTheEventsToTheMailer() {
    char[] typedSecuPass = "alice's secupass".toCharArray();
    InputStream contract = new ByteArrayInputStream(new byte[] {'%', 'P', 'D', 'F'});
    List<HostEvent> mailer = new ArrayList<>();
    SentDelivery sent;

    // README begin
    SecuPassSdk sdk = SecuPassSdk.builder()
        .storage(new MemoryStorage(Clock.systemUTC()))
        .blobStore(new MemoryBlobStore())
        .atRestKey(TinkAtRestKey.generate())
        .build();
    SignedInUser alice = SignedInUser.employee(UserId.of("alice"));

    try (SecuPass pass = SecuPass.of(typedSecuPass);
        SecuPassSession session = sdk.secuPass().activate(alice.user(), pass)) {
      sent = sdk.deliveries().send(alice, session, DeliveryDraft.builder()
          .level(SecurityLevel.SECRET)
          .subject("Contract").message("Please sign by Friday.")
          .to(Addressee.guest("gina@example.org"))
          .file("contract.pdf", contract)
          .build());
    }
    for (HostEvent event : sdk.events().pending(100)) {
      mailer.add(event);                      // the host's e-mail or notice
      sdk.events().acknowledge(event.id());
    }
    // README end

    assertThat(sent.awaitingSecuPass()).hasSize(1);
    assertThat(mailer).extracting(HostEvent::type)
        .containsExactly(EventTypes.DELIVERY_NEW, EventTypes.SECUPASS_REQUIRED);
    assertThat(mailer.get(0).invitationToken()).isPresent();
    assertThat(sdk.events().pending(100)).isEmpty();
  }

  @Test
  void readme_showsTheExampleVerbatim() throws Exception {
    List<String> source = Files.readAllLines(
        Path.of("src/test/java/dev/secupass/core/ReadmeExampleTest.java"));
    List<String> example = source.subList(source.indexOf("    // README begin") + 1,
        source.indexOf("    // README end")).stream().map(line -> line.replaceFirst("^    ", ""))
        .toList();
    String readme = Files.readString(Path.of("../README.md"));
    String section = readme.substring(readme.indexOf("## Sending a delivery"));
    String block = section.substring(section.indexOf("```java\n") + 8,
        section.indexOf("```", section.indexOf("```java\n") + 8));

    assertThat(block).isEqualTo(String.join("\n", example) + "\n");
  }
}
