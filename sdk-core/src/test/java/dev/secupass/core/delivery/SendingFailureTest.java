package dev.secupass.core.delivery;

import static dev.secupass.core.testing.SdkFixture.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.PageRequest;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.StorageException;
import dev.secupass.api.UserId;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.testing.SdkFixture;
import dev.secupass.core.testing.Streams;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A sending that fails leaves nothing visible: no record, no event, no blob, no upload journal
 * entry.
 */
class SendingFailureTest {
  private final SdkFixture f = new SdkFixture();
  private final SignedInUser alice = SdkFixture.employee("alice");
  private final Addressee bob = Addressee.employee(UserId.of("bob"), "");

  private void assertNothingLeft() {
    assertThat(f.blobs.live()).isZero();
    assertThat(f.memory.blobJournal().stale(Instant.parse("9000-01-01T00:00:00Z"), 10))
        .as("upload journal entries").isEmpty();
    assertThat(f.memory.deliveries().outbox(alice.user(), PageRequest.first(10)).items())
        .isEmpty();
    assertThat(f.memory.events().claim(10, Duration.ofMinutes(1))).isEmpty();
    assertThat(f.memory.guests().findByEmail("gina@example.org")).isEmpty();
  }

  @ParameterizedTest(name = "failing at {0}")
  @ValueSource(strings = {"guests.create", "deliveries.create", "guests.saveInvitation",
      "events.append", "audit.append"})
  void metadataTransactionFailing_deletesTheBlobsAlreadyWritten(String step) {
    f.storage.faults().failNext(step, () -> new StorageException("backend down", true, null));

    assertThatThrownBy(() -> f.sdk.deliveries().send(alice, draft(SecurityLevel.LOGIN, "x",
        bob, Addressee.guest("gina@example.org"))
        .file("second.txt", Streams.source(new byte[100])).build()))
        .isInstanceOf(StorageException.class);

    assertNothingLeft();
  }

  @Test
  @SuppressWarnings("InputStreamSlowMultibyteRead") // a small test stream
  void sourceFailingMidStream_deletesTheBlobsAlreadyWritten() {
    InputStream broken = new InputStream() {
      private int left = 5000;

      @Override
      public int read() throws IOException {
        if (left-- <= 0) {
          throw new IOException("disk unplugged");
        }
        return 7;
      }
    };

    assertThatThrownBy(() -> f.sdk.deliveries().send(alice, draft(SecurityLevel.LOGIN, "x", bob)
        .file("broken.bin", broken).build()))
        .isInstanceOf(UncheckedIOException.class);

    assertNothingLeft();
  }

  @ParameterizedTest(name = "declared {0} bytes for 10")
  @ValueSource(ints = {11, 9, 0})
  void declaredSizeNotMatchingTheBytes_isRefused(int declared) {
    assertThatThrownBy(() -> f.sdk.deliveries().send(alice, DeliveryDraft.builder().to(bob)
        .level(SecurityLevel.LOGIN)
        .file("a.bin", () -> Streams.source(new byte[10]), declared).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("file 'a.bin' was declared as " + declared + " bytes");

    assertNothingLeft();
  }

  @Test
  void fileOfDeclaredSize_isWrittenAsABlobOfItsExactCiphertextSize() {
    SentDelivery sent = f.sdk.deliveries().send(alice, DeliveryDraft.builder().to(bob)
        .level(SecurityLevel.LOGIN)
        .file("known.bin", () -> Streams.source(new byte[3_000_000]), 3_000_000)
        .file("unknown.bin", Streams.source(new byte[10])).build());

    assertThat(f.blobs.committed()).hasSize(2);
    assertThat(f.blobs.declaredSizes()).hasSize(1).allSatisfy((blob, size) ->
        assertThat(f.blobs.stat(blob)).hasValueSatisfying(info ->
            assertThat(info.size()).isEqualTo(size).isGreaterThan(3_000_000L)));
    assertThat(sent.id()).isNotNull();
  }
}
