package dev.secupass.core.delivery;

import static dev.secupass.core.testing.SdkFixture.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.FileId;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.SecurityLevel;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.testing.SdkFixture;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A storage operator who rewrites the segment size in a stored content stream's header changes
 * where a ranged read looks for its segments. Found by the first fuzzing campaign: the read then
 * failed with {@link IllegalArgumentException} ("offset beyond the end"), as if the host had asked
 * for a wrong range. The stream must have the plaintext size the signed or sealed manifest gives,
 * so this is damage, reported as such.
 */
class RangedReadTamperTest {
  private static final String CONTENT = "x".repeat(100);

  private final SdkFixture f = new SdkFixture();
  private final SignedInUser alice = SdkFixture.employee("alice");
  private final SignedInUser bob = SdkFixture.employee("bob");

  @Test
  void rangedRead_headerSegmentSizeRewritten_throwsIntegrity() throws Exception {
    DeliveryId id = f.sdk.deliveries().send(alice, draft(SecurityLevel.LOGIN, CONTENT,
        Addressee.employee(bob.user(), "")).build()).id();
    var blob = f.memory.deliveries().find(id).orElseThrow().files().get(0).blob();
    byte[] stored;
    try (InputStream in = f.blobs.open(blob)) {
      stored = in.readAllBytes();
    }
    stored[6] = 0;
    stored[7] = 0;
    stored[8] = 0;
    stored[9] = 16; // segment size 16: the same bytes now read as a 52-byte plaintext
    f.blobs.delete(blob);
    try (var out = f.blobs.create(blob)) {
      out.write(stored);
      out.commit();
    }

    try (OpenedDelivery opened = f.sdk.deliveries().open(bob, id)) {
      FileId file = opened.files().get(0).id();
      assertThatThrownBy(() -> opened.read(file, 60, 10).readAllBytes())
          .isInstanceOf(IntegrityException.class);
      assertThatThrownBy(() -> opened.read(file, 0, 10).readAllBytes())
          .isInstanceOf(IntegrityException.class);
    }
  }

  @Test
  void rangedRead_intactStream_givesTheRangeAndRefusesOneBeyondTheEnd() throws Exception {
    DeliveryId id = f.sdk.deliveries().send(alice, draft(SecurityLevel.LOGIN, CONTENT,
        Addressee.employee(bob.user(), "")).build()).id();

    try (OpenedDelivery opened = f.sdk.deliveries().open(bob, id)) {
      FileId file = opened.files().get(0).id();
      try (InputStream in = opened.read(file, 60, 10)) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("x".repeat(10));
      }
      assertThatThrownBy(() -> opened.read(file, 101, 1))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
