package dev.secupass.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.api.BlobId;
import dev.secupass.spi.BlobOutput;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks have teeth: after a round that ran to its end every invariant holds, and each kind
 * of damage a crash could leave, made by hand beneath the SPI as an operator could, is reported.
 */
class InvariantsTeethTest {
  @TempDir
  Path data;

  @Test
  void invariants_afterACompleteRound_holdAndEachDamageIsReported() throws Exception {
    Backend backend = new Backend(Backend.EMBEDDED, data, "");
    backend.prepare();
    CrashChild.main(new String[] {Backend.EMBEDDED, data.toString(), "-", "7", "0", "1"});
    assertThat(violations(backend)).isEmpty();

    // A guest's envelope of a level 3-4 delivery gone, and no grant waiting for it.
    assertThat(Rows.update(backend, "DELETE FROM secupass_delivery_envelope"
        + " WHERE recipient_id LIKE 'guest-%'")).isPositive();
    assertThat(violations(backend)).anyMatch(v -> v.startsWith("lost grant:"));

    // A room member's key of the current epoch gone, and no grant waiting for it.
    assertThat(Rows.update(backend, "DELETE FROM secupass_room_envelope"
        + " WHERE member_id LIKE 'carol-%'")).isPositive();
    assertThat(violations(backend)).anyMatch(v -> v.contains(": member carol-0-0 has no key"));

    // A key blob that opens with neither SecuPass (another user's sealed keys).
    assertThat(Rows.update(backend, "UPDATE secupass_key_record SET encrypted_private_keys ="
        + " (SELECT encrypted_private_keys FROM secupass_key_record WHERE user_id = 'dave-0-0')"
        + " WHERE user_id = 'bob-0-0' AND state = 'ACTIVE'")).isEqualTo(1);
    assertThat(violations(backend)).anyMatch(v -> v.startsWith("the key blob of bob-0-0"));

    // A delivery whose blob is gone: half-visible.
    String blob = Rows.strings(backend, "SELECT blob_id FROM secupass_delivery_file").get(0);
    try (Backend.Host host = backend.open()) {
      assertThat(host.blobs().delete(BlobId.of(blob))).isTrue();
    }
    assertThat(violations(backend)).anyMatch(v -> v.startsWith("half-visible delivery"));

    // A blob a kill left behind mid-upload, journaled first as the SDK journals every upload:
    // the sweep finds and deletes it, and nothing is reported.
    try (Backend.Host host = backend.open()) {
      BlobId journaled = BlobId.random(new SecureRandom());
      host.storage().blobJournal().begin(journaled, Instant.now());
      write(host, journaled);
    }
    Invariants swept = new Invariants(backend, 0);
    swept.check();
    assertThat(swept.swept()).isEqualTo(1);
    assertThat(swept.orphans()).isEmpty();

    // The same blob without its journal entry, as a kill left it before the journal existed:
    // nothing finds it, and the check reports it.
    try (Backend.Host host = backend.open()) {
      write(host, BlobId.random(new SecureRandom()));
    }
    Invariants invariants = new Invariants(backend, 0);
    invariants.check();
    assertThat(invariants.swept()).isZero();
    assertThat(invariants.orphans()).hasSize(1);
    assertThat(invariants.violations()).anyMatch(v -> v.startsWith("orphaned blob "));
  }

  private static void write(Backend.Host host, BlobId id) throws Exception {
    try (BlobOutput out = host.blobs().create(id)) {
      out.write(new byte[] {1, 2, 3});
      out.commit();
    }
  }

  private static List<String> violations(Backend backend) throws Exception {
    Invariants invariants = new Invariants(backend, 0);
    invariants.check();
    return invariants.violations();
  }
}
