package dev.secupass.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import dev.secupass.core.SecuPassSdk;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.TinkAtRestKey;
import dev.secupass.core.delivery.Addressee;
import dev.secupass.core.delivery.DeliveryDraft;
import dev.secupass.core.delivery.OpenedDelivery;
import dev.secupass.core.delivery.SentDelivery;
import dev.secupass.core.grants.FirstContactHold;
import dev.secupass.core.keys.KdfPolicy;
import dev.secupass.core.keys.KeySuite;
import dev.secupass.core.keys.SafetyWords;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.samples.cli.testing.Postgres;
import dev.secupass.storage.jdbc.JdbcStorage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The seed story with X-Wing keys end to end on the embedded default (H2 in file mode, blobs in
 * the database) and on PostgreSQL: new users get X-Wing keys, a waiting grant is fulfilled to an
 * X-Wing key, a classical user migrates at an unlock, and a classical and a migrated user exchange
 * deliveries both ways. Two SDKs share the storage: the default one and one built with {@link
 * KeySuite#CLASSICAL}, for the users who had keys before.
 */
class PostQuantumStoryTest {
  private static final KdfPolicy FAST = KdfPolicy.builder().memoryKiB(64).iterations(1)
      .parallelism(1).allowWeakParametersForTests().build();

  @TempDir
  Path temp;

  @Test
  @DisplayName("on the embedded default")
  void story_onTheEmbeddedDefault() throws Exception {
    try (JdbcStorage storage = JdbcStorage.embedded(temp.resolve("data"))) {
      story(storage);
    }
  }

  @Test
  @DisplayName("on PostgreSQL")
  void story_onPostgreSql() throws Exception {
    try (Postgres postgres = new Postgres()) {
      PGSimpleDataSource dataSource = new PGSimpleDataSource();
      dataSource.setUrl(postgres.url());
      dataSource.setUser(postgres.user());
      dataSource.setPassword(postgres.password());
      try (JdbcStorage storage = JdbcStorage.builder(dataSource).tablePrefix("pq_").build()) {
        story(storage);
      }
    }
  }

  private void story(JdbcStorage storage) throws Exception {
    TinkAtRestKey atRest = TinkAtRestKey.generate();
    SecuPassSdk sdk = SecuPassSdk.builder().storage(storage).blobStore(storage.blobStore())
        .atRestKey(atRest).kdfPolicy(FAST).build();
    SecuPassSdk classic = SecuPassSdk.builder().storage(storage).blobStore(storage.blobStore())
        .atRestKey(atRest).kdfPolicy(FAST).keySuite(KeySuite.CLASSICAL).build();
    SignedInUser alice = SignedInUser.employee(UserId.of("alice"));
    SignedInUser bob = SignedInUser.partner(UserId.of("bob"));
    SignedInUser carol = SignedInUser.employee(UserId.of("carol"));
    SignedInUser dave = SignedInUser.partner(UserId.of("dave"));

    // Before: carol and dave have classical keys.
    activate(classic, carol).close();
    activate(classic, dave).close();
    assertThat(suite(storage, carol)).isEqualTo(1);

    // Activation makes X-Wing keys; a level-4 delivery to bob, who has no SecuPass yet, waits.
    DeliveryId toBob;
    try (SecuPassSession session = activate(sdk, alice)) {
      assertThat(suite(storage, alice)).isEqualTo(2);
      SentDelivery sent = sdk.deliveries().send(alice, session, draft("for bob",
          Addressee.partner(bob.user(), "bob@partner.example")));
      assertThat(sent.awaitingSecuPass()).hasSize(1);
      toBob = sent.id();
    }
    SafetyWords bobReads;
    try (SecuPassSession session = activate(sdk, bob)) {
      assertThat(suite(storage, bob)).isEqualTo(2);
      bobReads = SafetyWords.of(session.fingerprint());
    }
    // The sender's next unlock holds bob's never-verified first keys (the default first-contact
    // policy) until alice confirms the safety words bob reads to her; then it wraps the key to
    // bob's X-Wing key.
    try (SecuPassSession session = unlock(sdk, alice)) {
      FirstContactHold hold = sdk.grants().fulfil(session).awaitingConfirmation().get(0);
      assertThat(sdk.grants().confirmFirstContact(session, hold.grant(), bobReads).fulfilled())
          .containsExactly(hold.grant());
    }
    try (SecuPassSession session = unlock(sdk, bob)) {
      assertThat(read(sdk, bob, session, toBob)).isEqualTo("for bob");
    }

    // carol, still classical, sends to alice (X-Wing), then migrates at her next unlock.
    DeliveryId fromCarolBefore;
    try (SecuPassSession session = unlock(classic, carol)) {
      fromCarolBefore = sendConfirmed(classic, carol, session, draft("carol's old note",
          Addressee.employee(alice.user(), "alice@corp.example")));
    }
    DeliveryId toCarolBefore;
    try (SecuPassSession session = unlock(classic, dave)) {
      toCarolBefore = sendConfirmed(classic, dave, session, draft("before carol migrated",
          Addressee.employee(carol.user(), "carol@corp.example")));
    }
    try (SecuPassSession session = unlock(sdk, carol)) {
      assertThat(suite(storage, carol)).isEqualTo(2);
      assertThat(read(sdk, carol, session, toCarolBefore)).isEqualTo("before carol migrated");
    }
    try (SecuPassSession session = unlock(sdk, alice)) {
      assertThat(read(sdk, alice, session, fromCarolBefore)).isEqualTo("carol's old note");
    }

    // A classical user (dave, on the classical SDK) and the migrated carol, both ways.
    DeliveryId toDave;
    try (SecuPassSession session = unlock(sdk, carol)) {
      toDave = sendConfirmed(sdk, carol, session, draft("carol to dave",
          Addressee.partner(dave.user(), "dave@partner.example")));
    }
    DeliveryId toCarol;
    try (SecuPassSession session = unlock(classic, dave)) {
      assertThat(read(classic, dave, session, toDave)).isEqualTo("carol to dave");
      toCarol = sendConfirmed(classic, dave, session, draft("dave to carol",
          Addressee.employee(carol.user(), "carol@corp.example")));
    }
    try (SecuPassSession session = unlock(sdk, carol)) {
      assertThat(read(sdk, carol, session, toCarol)).isEqualTo("dave to carol");
    }
    assertThat(suite(storage, dave)).isEqualTo(1);
    assertThat(envelopeSuite(storage, toCarol, carol)).isEqualTo(2);
    assertThat(envelopeSuite(storage, toDave, dave)).isEqualTo(1);
  }

  /**
   * Sends and, where the default first-contact policy holds the release to keys the sender never
   * verified, confirms the recipient's safety words (read here from the stored keys: this story is
   * about suites, not the policy, which UnverifiedRecipientsTest covers).
   */
  private static DeliveryId sendConfirmed(SecuPassSdk sdk, SignedInUser sender,
      SecuPassSession session, DeliveryDraft draft) {
    SentDelivery sent = sdk.deliveries().send(sender, session, draft);
    for (FirstContactHold hold : sent.awaitingConfirmation()) {
      SafetyWords words = SafetyWords.of(sdk.secuPass().fingerprint(hold.recipient().user())
          .orElseThrow());
      assertThat(sdk.grants().confirmFirstContact(session, hold.grant(), words).fulfilled())
          .containsExactly(hold.grant());
    }
    return sent.id();
  }

  private static DeliveryDraft draft(String content, Addressee to) {
    return DeliveryDraft.builder().level(SecurityLevel.TOP_SECRET).subject("Note").message("")
        .to(to).file("note.txt",
            new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8))).build();
  }

  private static SecuPassSession activate(SecuPassSdk sdk, SignedInUser user) {
    try (SecuPass pass = SecuPass.of(user.user().value() + "'s secupass")) {
      return sdk.secuPass().activate(user.user(), pass);
    }
  }

  private static SecuPassSession unlock(SecuPassSdk sdk, SignedInUser user) {
    try (SecuPass pass = SecuPass.of(user.user().value() + "'s secupass")) {
      return sdk.secuPass().unlock(user.user(), pass);
    }
  }

  private static String read(SecuPassSdk sdk, SignedInUser reader, SecuPassSession session,
      DeliveryId id) throws Exception {
    try (OpenedDelivery opened = sdk.deliveries().open(reader, session, id);
        InputStream in = opened.read(opened.files().get(0).id())) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The suite of the user's stored public-key bundle (byte 5 of the format prefix). */
  private static int suite(JdbcStorage storage, SignedInUser user) {
    return storage.keys().findActive(user.user()).orElseThrow().publicKeys()[5];
  }

  private static int envelopeSuite(JdbcStorage storage, DeliveryId delivery, SignedInUser user) {
    return storage.deliveries().envelopes(delivery).stream()
        .filter(e -> e.recipient().equals(user.user())).findFirst().orElseThrow()
        .envelope()[5];
  }
}
