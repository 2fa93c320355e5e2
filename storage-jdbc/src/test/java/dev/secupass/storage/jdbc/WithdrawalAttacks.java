package dev.secupass.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.DeliveryState;
import dev.secupass.api.DeliveryWithdrawnException;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.InvalidSignatureException;
import dev.secupass.api.NotReleasedException;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import dev.secupass.core.SecuPassSdk;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.TinkAtRestKey;
import dev.secupass.core.delivery.Addressee;
import dev.secupass.core.delivery.DeliveryDraft;
import dev.secupass.core.delivery.OpenedDelivery;
import dev.secupass.core.fs.FileSystemBlobStore;
import dev.secupass.core.grants.FirstContactPolicy;
import dev.secupass.core.internal.delivery.Withdrawal;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.core.keys.KdfPolicy;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.spi.DeliveryRecord;
import dev.secupass.tck.Samples;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, gap 6: withdrawal was a stored state and blob deletion, both in the storage
 * operator's hands, so flipping the state back with the blobs kept re-opened a withdrawn delivery.
 * Now the sender signs the withdrawal (levels 3-4; the host's at-rest key seals it at levels 1-2)
 * and withdrawing deletes every envelope. Here the operator edits the database rows directly, as
 * it can, and each attack fails with a typed error and releases no plaintext.
 */
abstract class WithdrawalAttacks {
  private static final KdfPolicy FAST = KdfPolicy.builder().memoryKiB(64).iterations(1)
      .parallelism(1).allowWeakParametersForTests().build();
  private static final String CONTENT = "the merger terms, for Bob's eyes";

  @TempDir
  Path blobs;

  /** One at-rest key for the class's database: it seals the key log's checkpoint key there. */
  private static final TinkAtRestKey atRestKey = TinkAtRestKey.generate();
  private SecuPassSdk sdk;
  private SignedInUser alice;
  private SignedInUser bob;
  private SignedInUser mallory;

  abstract DatabaseFixture db();

  @BeforeEach
  void users() {
    sdk = SecuPassSdk.builder()
        .storage(db().storage(Clock.systemUTC()))
        .blobStore(new FileSystemBlobStore(blobs))
        .atRestKey(atRestKey)
        .kdfPolicy(FAST)
        .grantExecutor(Runnable::run) // grants are fulfilled within unlock, in order
        // Trust on first use, chosen explicitly: the subject is withdrawal, not the release policy.
        .firstContactPolicy(FirstContactPolicy.trustOnFirstUse())
        .build();
    String run = Samples.user().value();
    alice = SignedInUser.employee(UserId.of("alice-" + run));
    bob = SignedInUser.employee(UserId.of("bob-" + run));
    mallory = SignedInUser.employee(UserId.of("mallory-" + run));
    for (SignedInUser user : List.of(alice, bob, mallory)) {
      activate(user).close();
    }
  }

  @Test
  @DisplayName("Level 3: the state set to withdrawn without the sender's statement is detected"
      + " as tampering, not taken for a withdrawal")
  void stateFlippedToWithdrawn_withoutStatement_isIntegrityFailure() throws Exception {
    DeliveryId id = sendSecret(bob, mallory);
    sql("UPDATE " + table("delivery") + " SET state = 'WITHDRAWN' WHERE id = ?", id.value());

    try (SecuPassSession session = unlock(bob)) {
      assertThatThrownBy(() -> sdk.deliveries().open(bob, session, id))
          .isInstanceOf(IntegrityException.class)
          .isNotInstanceOf(DeliveryWithdrawnException.class)
          .hasMessageContaining("without its sender's withdrawal");
    }
  }

  @Test
  @DisplayName("Level 3: a withdrawal that a co-recipient signed is refused as a bad signature")
  void withdrawalSignedByCoRecipient_isInvalidSignature() throws Exception {
    DeliveryId id = sendSecret(bob, mallory);
    byte[] forged;
    try (SecuPassSession session = unlock(mallory)) {
      forged = new Withdrawal(id, Instant.now().truncatedTo(ChronoUnit.MILLIS))
          .sign((KeySession) session);
    }
    plantWithdrawal(id, forged);

    try (SecuPassSession session = unlock(bob)) {
      assertThatThrownBy(() -> sdk.deliveries().open(bob, session, id))
          .isInstanceOf(InvalidSignatureException.class)
          .hasMessageContaining("not signed by its sender");
    }
  }

  @Test
  @DisplayName("Level 3: the sender's real withdrawal of another delivery, copied over, is"
      + " refused")
  void withdrawalOfAnotherDelivery_copiedOver_isIntegrityFailure() throws Exception {
    DeliveryId withdrawn = sendSecret(bob);
    DeliveryId live = sendSecret(bob);
    try (SecuPassSession session = unlock(alice)) {
      sdk.deliveries().withdraw(alice, session, withdrawn);
    }
    plantWithdrawal(live, storedWithdrawal(withdrawn));

    try (SecuPassSession session = unlock(bob)) {
      assertThatThrownBy(() -> sdk.deliveries().open(bob, session, live))
          .isInstanceOf(IntegrityException.class)
          .isNotInstanceOf(DeliveryWithdrawnException.class)
          .hasMessageContaining("another delivery");
    }
  }

  @Test
  @DisplayName("Level 3: the state flipped back to active while the statement stays keeps the"
      + " delivery withdrawn")
  void stateFlippedBack_statementKept_staysWithdrawn() throws Exception {
    DeliveryId id = sendSecret(bob);
    try (SecuPassSession session = unlock(alice)) {
      sdk.deliveries().withdraw(alice, session, id);
    }
    sql("UPDATE " + table("delivery") + " SET state = 'ACTIVE' WHERE id = ?", id.value());

    try (SecuPassSession session = unlock(bob)) {
      assertThatThrownBy(() -> sdk.deliveries().open(bob, session, id))
          .isInstanceOf(DeliveryWithdrawnException.class);
    }
  }

  @Test
  @DisplayName("Level 3: an operator who restores the state, drops the statement, puts the"
      + " blobs back and re-opens the cancelled grant cannot re-open the delivery: its envelopes"
      + " are gone")
  void fullUndo_withBlobsAndGrantRestored_releasesNothing() throws Exception {
    SignedInUser carol = SignedInUser.employee(UserId.of("carol-" + Samples.user().value()));
    DeliveryId id = sendSecret(bob, carol);
    // Carol activates after the sending: her grant waits for Alice's next unlock (ready).
    activate(carol).close();
    Map<Path, byte[]> kept = copyBlobs();
    Map<String, @Nullable Object> carolsGrant = grantRow(id, carol.user());
    assertThat(carolsGrant.get("state")).isEqualTo("READY");
    try (SecuPassSession session = unlock(alice)) {
      sdk.deliveries().withdraw(alice, session, id);
    }
    assertThat(envelopeCount(id)).isZero();

    // The operator undoes everything it can: state, statement, blobs, Carol's grant.
    sql("UPDATE " + table("delivery") + " SET state = 'ACTIVE', withdrawal = NULL WHERE id = ?",
        id.value());
    for (Map.Entry<Path, byte[]> blob : kept.entrySet()) {
      Files.createDirectories(blob.getKey().getParent());
      Files.write(blob.getKey(), blob.getValue());
    }
    try (Connection c = db().database().dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("UPDATE " + table("grant_queue")
            + " SET state = ?, open_marker = ? WHERE target_id = ? AND recipient_id = ?")) {
      s.setObject(1, carolsGrant.get("state"));
      s.setObject(2, carolsGrant.get("open_marker"));
      s.setString(3, id.value());
      s.setString(4, carol.user().value());
      assertThat(s.executeUpdate()).isEqualTo(1);
    }
    assertThat(db().storage(Clock.systemUTC()).deliveries().find(id))
        .map(DeliveryRecord::state).contains(DeliveryState.ACTIVE);

    // Alice's next unlock would fulfil the grant: her own envelope is gone, so it cannot.
    unlock(alice).close();
    for (SignedInUser reader : List.of(bob, carol, alice)) {
      try (SecuPassSession session = unlock(reader)) {
        assertThatThrownBy(() -> sdk.deliveries().open(reader, session, id))
            .as("%s opens", reader.user())
            .isInstanceOf(NotReleasedException.class);
      }
    }
    assertThat(envelopeCount(id)).isZero();
  }

  @Test
  @DisplayName("Level 2: the state set to withdrawn without the host-sealed withdrawal is"
      + " detected; flipped back after a real withdrawal, the delivery stays withdrawn")
  void level2_fakedAndUndoneWithdrawals_fail() throws Exception {
    DeliveryId faked = send(SecurityLevel.LOGIN, bob);
    DeliveryId withdrawn = send(SecurityLevel.LOGIN, bob);
    sql("UPDATE " + table("delivery") + " SET state = 'WITHDRAWN' WHERE id = ?", faked.value());
    sdk.deliveries().withdraw(alice, withdrawn);
    sql("UPDATE " + table("delivery") + " SET state = 'ACTIVE' WHERE id = ?", withdrawn.value());

    assertThatThrownBy(() -> sdk.deliveries().open(bob, faked))
        .isInstanceOf(IntegrityException.class)
        .isNotInstanceOf(DeliveryWithdrawnException.class);
    assertThatThrownBy(() -> sdk.deliveries().open(bob, withdrawn))
        .isInstanceOf(DeliveryWithdrawnException.class);

    // The sealed withdrawal names its delivery: copied to another, it does not open.
    DeliveryId live = send(SecurityLevel.LOGIN, bob);
    plantWithdrawal(live, storedWithdrawal(withdrawn));
    assertThatThrownBy(() -> sdk.deliveries().open(bob, live))
        .isInstanceOf(IntegrityException.class)
        .isNotInstanceOf(DeliveryWithdrawnException.class);
  }

  @Test
  @DisplayName("Level 3: an honest delivery still opens and reads, and its real withdrawal"
      + " refuses it as withdrawn")
  void honestDelivery_opens_thenWithdrawn_isRefused() throws Exception {
    DeliveryId id = sendSecret(bob);
    try (SecuPassSession session = unlock(bob);
        OpenedDelivery opened = sdk.deliveries().open(bob, session, id);
        InputStream in = opened.read(opened.files().get(0).id())) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(CONTENT);
    }
    try (SecuPassSession session = unlock(alice)) {
      sdk.deliveries().withdraw(alice, session, id);
    }
    try (SecuPassSession session = unlock(bob)) {
      assertThatThrownBy(() -> sdk.deliveries().open(bob, session, id))
          .isInstanceOf(DeliveryWithdrawnException.class);
    }
  }

  private DeliveryId sendSecret(SignedInUser... to) {
    return send(SecurityLevel.SECRET, to);
  }

  private DeliveryId send(SecurityLevel level, SignedInUser... to) {
    DeliveryDraft.Builder draft = DeliveryDraft.builder()
        .level(level)
        .subject("Merger")
        .message("Terms attached")
        .file("terms.txt", new ByteArrayInputStream(CONTENT.getBytes(StandardCharsets.UTF_8)));
    for (SignedInUser user : to) {
      draft.to(Addressee.employee(user.user(), ""));
    }
    if (!level.requiresSecuPass()) {
      return sdk.deliveries().send(alice, draft.build()).id();
    }
    try (SecuPassSession session = unlock(alice)) {
      return sdk.deliveries().send(alice, session, draft.build()).id();
    }
  }

  private void plantWithdrawal(DeliveryId id, byte[] statement) throws SQLException {
    try (Connection c = db().database().dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("UPDATE " + table("delivery")
            + " SET state = 'WITHDRAWN', withdrawal = ? WHERE id = ?")) {
      s.setBytes(1, statement);
      s.setString(2, id.value());
      assertThat(s.executeUpdate()).isEqualTo(1);
    }
  }

  private byte[] storedWithdrawal(DeliveryId id) throws SQLException {
    try (Connection c = db().database().dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("SELECT withdrawal FROM " + table("delivery")
            + " WHERE id = ?")) {
      s.setString(1, id.value());
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).isTrue();
        byte[] stored = rs.getBytes(1);
        assertThat(stored).isNotEmpty();
        return stored;
      }
    }
  }

  private Map<String, @Nullable Object> grantRow(DeliveryId id, UserId recipient)
      throws SQLException {
    try (Connection c = db().database().dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("SELECT state, open_marker FROM "
            + table("grant_queue") + " WHERE target_id = ? AND recipient_id = ?")) {
      s.setString(1, id.value());
      s.setString(2, recipient.value());
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).isTrue();
        Map<String, @Nullable Object> row = new HashMap<>();
        row.put("state", rs.getString("state"));
        row.put("open_marker", rs.getObject("open_marker"));
        return row;
      }
    }
  }

  private int envelopeCount(DeliveryId id) throws SQLException {
    try (Connection c = db().database().dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM "
            + table("delivery_envelope") + " WHERE delivery_id = ?")) {
      s.setString(1, id.value());
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private void sql(String statement, String id) throws SQLException {
    try (Connection c = db().database().dataSource().getConnection();
        PreparedStatement s = c.prepareStatement(statement)) {
      s.setString(1, id);
      assertThat(s.executeUpdate()).isEqualTo(1);
    }
  }

  private Map<Path, byte[]> copyBlobs() throws IOException {
    Map<Path, byte[]> copies = new HashMap<>();
    try (Stream<Path> files = Files.walk(blobs)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        copies.put(file, Files.readAllBytes(file));
      }
    }
    assertThat(copies).isNotEmpty();
    return copies;
  }

  private static String table(String name) {
    return DatabaseFixture.PREFIX + name;
  }

  private SecuPassSession activate(SignedInUser user) {
    try (SecuPass pass = SecuPass.of("pass of " + user.user().value())) {
      return sdk.secuPass().activate(user.user(), pass);
    }
  }

  private SecuPassSession unlock(SignedInUser user) {
    try (SecuPass pass = SecuPass.of("pass of " + user.user().value())) {
      return sdk.secuPass().unlock(user.user(), pass);
    }
  }
}
