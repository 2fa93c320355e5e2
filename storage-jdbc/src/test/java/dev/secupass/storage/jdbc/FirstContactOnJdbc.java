package dev.secupass.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.secupass.api.FirstContactRefusedException;
import dev.secupass.api.InvitationUsedException;
import dev.secupass.api.NotReleasedException;
import dev.secupass.api.PageRequest;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import dev.secupass.core.SecuPassSdk;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.TinkAtRestKey;
import dev.secupass.core.delivery.Addressee;
import dev.secupass.core.delivery.AuditRecord;
import dev.secupass.core.delivery.DeliveryDraft;
import dev.secupass.core.delivery.LinkToken;
import dev.secupass.core.delivery.OpenedDelivery;
import dev.secupass.core.delivery.SentDelivery;
import dev.secupass.core.events.DeliveryReceived;
import dev.secupass.core.events.FirstContactRefused;
import dev.secupass.core.events.HostEvent;
import dev.secupass.core.events.InvitationReused;
import dev.secupass.core.fs.FileSystemBlobStore;
import dev.secupass.core.grants.FirstContactHold;
import dev.secupass.core.grants.GrantRun;
import dev.secupass.core.guests.AccessCode;
import dev.secupass.core.guests.Password;
import dev.secupass.core.keys.KdfPolicy;
import dev.secupass.core.keys.SafetyWords;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.memory.MemoryStorage;
import dev.secupass.spi.KeyRecord;
import dev.secupass.spi.Storage;
import dev.secupass.tck.MutableClock;
import dev.secupass.tck.Samples;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first-contact attacks on a real database, through the SDK with the default first-contact
 * policy: a forwarded invitation taken over with and without an access code, a storage operator
 * substituting a guest's bound first keys in the database, and the real guest arriving second.
 * Sessions fulfil only when asked, so each test sees what a run decided.
 */
abstract class FirstContactOnJdbc {
  /** One at-rest key for the class's database: it seals the key log's checkpoint key there. */
  private static final TinkAtRestKey AT_REST_KEY = TinkAtRestKey.generate();
  private static final KdfPolicy FAST = KdfPolicy.builder().memoryKiB(64).iterations(1)
      .parallelism(1).allowWeakParametersForTests().build();

  @TempDir
  Path blobs;

  private SecuPassSdk sdk;
  private Storage storage;
  private SignedInUser alice;
  private String guestAddress;

  abstract DatabaseFixture db();

  @BeforeEach
  void sdk() {
    storage = db().storage(Clock.systemUTC());
    sdk = SecuPassSdk.builder().storage(storage).blobStore(new FileSystemBlobStore(blobs))
        .atRestKey(AT_REST_KEY).kdfPolicy(FAST).grantExecutor(task -> { })
        .build();
    alice = SignedInUser.employee(UserId.of("alice-" + Samples.user().value()));
    guestAddress = "gina-" + Samples.user().value() + "@example.org";
    activate(alice.user(), "alice's secupass").close();
  }

  private SecuPassSession activate(UserId user, String pass) {
    try (SecuPass secuPass = SecuPass.of(pass)) {
      return sdk.secuPass().activate(user, secuPass);
    }
  }

  private SecuPassSession unlockAlice() {
    try (SecuPass secuPass = SecuPass.of("alice's secupass")) {
      return sdk.secuPass().unlock(alice.user(), secuPass);
    }
  }

  private SentDelivery send(boolean accessCodes) {
    DeliveryDraft.Builder draft = DeliveryDraft.builder().level(SecurityLevel.SECRET)
        .subject("Contract").to(Addressee.guest(guestAddress))
        .file("contract.txt", new ByteArrayInputStream(
            "sign here".getBytes(StandardCharsets.UTF_8)));
    if (accessCodes) {
      draft.accessCodes();
    }
    try (SecuPassSession session = unlockAlice()) {
      return sdk.deliveries().send(alice, session, draft.build());
    }
  }

  private <T extends HostEvent> List<T> events(UserId audience, Class<T> type) {
    return sdk.events().forUser(audience, PageRequest.first(100)).items().stream()
        .filter(type::isInstance).map(type::cast).toList();
  }

  private LinkToken invitation(SentDelivery sent) {
    return events(sent.recipients().get(0).user(), DeliveryReceived.class).get(0).invitation()
        .orElseThrow();
  }

  private SignedInUser register(LinkToken invitation, String username) {
    sdk.guests().register(invitation, username, Password.of(username + "'s long password"));
    return sdk.guests().signIn(username, Password.of(username + "'s long password"));
  }

  private String read(SignedInUser reader, SecuPassSession session, SentDelivery sent)
      throws IOException {
    try (OpenedDelivery opened = sdk.deliveries().open(reader, session, sent.id());
        InputStream in = opened.read(opened.files().get(0).id())) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private List<AuditRecord> audit(SentDelivery sent) {
    return sdk.deliveries().auditTrail(alice, sent.id(), PageRequest.first(100)).items();
  }

  @Test
  void forwardedInvitationWithCode_attackerIsRefused_realGuestArrivingSecondIsToldAndSoIsAlice()
      throws IOException {
    SentDelivery sent = send(true);
    LinkToken forwarded = invitation(sent);
    String username = "m" + Samples.user().value().substring(0, 12);
    SignedInUser mallory = register(forwarded, username);
    SecuPassSession mallorySession = activate(mallory.user(), "mallory's secupass");

    assertThatThrownBy(() -> sdk.guests().register(forwarded, "g" + username,
        Password.of("gina's long password")))
        .isInstanceOf(InvitationUsedException.class);
    assertThat(events(alice.user(), InvitationReused.class)).singleElement()
        .satisfies(e -> assertThat(e.delivery()).isEqualTo(sent.id()));

    try (SecuPassSession session = unlockAlice()) {
      GrantRun run = sdk.grants().fulfil(session);
      assertThat(run.fulfilled()).isEmpty();
      assertThat(run.refused()).extracting(r -> r.reason())
          .containsExactly(FirstContactRefusedException.Reason.BINDING_MISSING);
      assertThat(sdk.grants().fulfil(session).isEmpty()).isTrue();
    }
    assertThatThrownBy(() -> read(mallory, mallorySession, sent))
        .isInstanceOf(NotReleasedException.class);
    assertThat(events(alice.user(), FirstContactRefused.class)).singleElement()
        .satisfies(e -> assertThat(e.recipient().displayName()).isEqualTo(guestAddress));
    assertThat(audit(sent)).extracting(AuditRecord::action, AuditRecord::outcome)
        .contains(tuple("first_contact.refuse", "binding_missing"),
            tuple("guest.register", "invitation_used"));
  }

  @Test
  void operatorSubstitutingBoundFirstKeysInTheDatabase_isRefused() {
    SentDelivery sent = send(true);
    AccessCode code = sent.accessCodes().values().iterator().next();
    SignedInUser gina = register(invitation(sent), "g" + Samples.user().value().substring(0, 12));
    try (SecuPass secuPass = SecuPass.of("gina's secupass")) {
      sdk.secuPass().activate(gina.user(), secuPass, code).close();
    }
    MemoryStorage operators = new MemoryStorage(MutableClock.at(Instant.now()));
    SecuPassSdk forger = SecuPassSdk.builder().storage(operators)
        .blobStore(new FileSystemBlobStore(blobs))
        .atRestKey(AT_REST_KEY).kdfPolicy(FAST).build();
    try (SecuPass pass = SecuPass.of("operator's pass")) {
      forger.secuPass().activate(gina.user(), pass).close();
      forger.secuPass().reset(gina.user(), pass).close();
    }
    KeyRecord forged = operators.keys().findActive(gina.user()).orElseThrow();
    KeyRecord real = storage.keys().findActive(gina.user()).orElseThrow();
    storage.keys().rotate(real, new KeyRecord(forged.user(), forged.version(), forged.state(),
        forged.publicKeys(), forged.encryptedPrivateKeys(), forged.kdf(), 0,
        forged.createdAt()));

    try (SecuPassSession session = unlockAlice()) {
      GrantRun run = sdk.grants().fulfil(session);
      assertThat(run.fulfilled()).isEmpty();
      assertThat(run.refused()).extracting(r -> r.reason())
          .containsExactly(FirstContactRefusedException.Reason.BINDING_WRONG);
    }
    assertThat(storage.deliveries().findEnvelope(sent.id(), gina.user(), forged.version()))
        .isEmpty();
    assertThat(audit(sent)).extracting(AuditRecord::action, AuditRecord::outcome)
        .contains(tuple("first_contact.refuse", "binding_wrong"));
  }

  @Test
  void guestWithTheCode_isReleasedAutomatically_andWithoutACodeAfterTheSafetyWords()
      throws IOException {
    SentDelivery coded = send(true);
    AccessCode code = coded.accessCodes().values().iterator().next();
    SignedInUser gina = register(invitation(coded), "g" + Samples.user().value().substring(0, 12));
    SecuPassSession ginaSession;
    try (SecuPass secuPass = SecuPass.of("gina's secupass")) {
      ginaSession = sdk.secuPass().activate(gina.user(), secuPass, code);
    }
    try (SecuPassSession session = unlockAlice()) {
      assertThat(sdk.grants().fulfil(session).fulfilled()).hasSize(1);
    }
    assertThat(read(gina, ginaSession, coded)).isEqualTo("sign here");

    guestAddress = "paula-" + Samples.user().value() + "@example.org";
    SentDelivery plain = send(false);
    SignedInUser paula = register(invitation(plain), "p" + Samples.user().value()
        .substring(0, 12));
    SecuPassSession paulaSession = activate(paula.user(), "paula's secupass");
    try (SecuPassSession session = unlockAlice()) {
      FirstContactHold hold = sdk.grants().fulfil(session).awaitingConfirmation().get(0);
      assertThat(hold.presented()).isEqualTo(SafetyWords.of(paulaSession.fingerprint()));
      assertThat(sdk.grants().confirmFirstContact(session, hold.grant(),
          SafetyWords.of(paulaSession.fingerprint())).fulfilled()).containsExactly(hold.grant());
    }
    assertThat(read(paula, paulaSession, plain)).isEqualTo("sign here");
  }
}
