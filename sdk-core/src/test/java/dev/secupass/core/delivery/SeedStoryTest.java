package dev.secupass.core.delivery;

import static dev.secupass.core.testing.SdkFixture.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.secupass.api.NotARecipientException;
import dev.secupass.api.NotReleasedException;
import dev.secupass.api.PageRequest;
import dev.secupass.api.Person;
import dev.secupass.api.SecuPassRequiredException;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.SignInRequiredException;
import dev.secupass.api.UserId;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.events.DeliveryReceived;
import dev.secupass.core.events.DeliveryReleased;
import dev.secupass.core.events.GrantReady;
import dev.secupass.core.events.SecuPassRequired;
import dev.secupass.core.grants.FirstContactHold;
import dev.secupass.core.grants.GrantRun;
import dev.secupass.core.guests.GuestInvitation;
import dev.secupass.core.guests.Password;
import dev.secupass.core.keys.SafetyWords;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.testing.SdkFixture;
import dev.secupass.spi.DeliveryRecord;
import dev.secupass.spi.GrantState;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seed story of the product, end to end on the in-memory stores. */
class SeedStoryTest {
  private final SdkFixture f = new SdkFixture();
  private final SignedInUser alice = SdkFixture.employee("alice@corp.example");

  @Test
  void level3ToNewGuest_registersActivatesAndReadsAfterTheSendersNextUnlock() {
    f.activate(alice, "alice's secupass").close();
    SentDelivery sent;
    try (SecuPassSession session = f.unlock(alice, "alice's secupass")) {
      sent = f.sdk.deliveries().send(alice, session,
          draft(SecurityLevel.SECRET, "the figures", Addressee.guest("Gina@Example.org")).build());
    }
    Person ginaPerson = sent.recipients().get(0);
    UserId gina = ginaPerson.user();
    assertThat(ginaPerson).isEqualTo(Person.guest(gina, "gina@example.org"));
    assertThat(sent.awaitingSecuPass()).containsExactly(ginaPerson);
    SecuPassRequired required = f.event(gina, SecuPassRequired.class);
    assertThat(required.audience().displayName()).isEqualTo("gina@example.org");
    assertThat(required.sender().user()).isEqualTo(alice.user());

    DeliveryReceived received = f.event(gina, DeliveryReceived.class);
    assertThat(received.audience()).isEqualTo(ginaPerson);
    LinkToken invitation = received.invitation().orElseThrow();
    GuestInvitation arrival = f.sdk.guests().arrive(invitation);
    assertThat(arrival).isEqualTo(new GuestInvitation(ginaPerson, sent.id(), false));
    f.sdk.guests().register(invitation, "gina", Password.of("gina's long password"));
    assertThat(f.sdk.guests().arrive(invitation).registered()).isTrue();
    SignedInUser guest = f.sdk.guests().signIn(" GINA ", Password.of("gina's long password"));
    assertThat(guest.user()).isEqualTo(gina);
    assertThatThrownBy(() -> f.sdk.deliveries().open(guest, sent.id()))
        .isInstanceOf(SecuPassRequiredException.class)
        .hasMessage("gina@example.org has no SecuPass yet; choose one first");

    SecuPassSession ginaSession = f.activate(guest, "gina's secupass");
    assertThatThrownBy(() -> f.sdk.deliveries().open(guest, ginaSession, sent.id()))
        .isInstanceOf(NotReleasedException.class);
    GrantReady notice = f.event(alice.user(), GrantReady.class);
    assertThat(notice.recipient()).isEqualTo(ginaPerson);
    assertThat(notice.forDelivery()).contains(sent.id());

    // The default first-contact policy holds the release until Alice compares Gina's safety
    // words (Gina reads them from her own session) and confirms them.
    try (SecuPassSession aliceSession = f.unlock(alice, "alice's secupass")) {
      GrantRun held = f.sdk.grants().fulfil(aliceSession);
      assertThat(held.fulfilled()).isEmpty();
      FirstContactHold hold = held.awaitingConfirmation().get(0);
      assertThat(hold.recipient()).isEqualTo(ginaPerson);
      SafetyWords ginaReads = SafetyWords.of(ginaSession.fingerprint());
      assertThat(hold.presented()).isEqualTo(ginaReads);
      assertThat(f.sdk.grants().confirmFirstContact(aliceSession, hold.grant(), ginaReads)
          .fulfilled()).containsExactly(hold.grant());
    }

    assertThat(f.event(gina, DeliveryReleased.class).audience().displayName())
        .isEqualTo("gina@example.org");
    assertThat(f.read(guest, ginaSession, sent.id())).isEqualTo("the figures");
    assertThat(f.memory.grants().forRecipient(gina)).extracting(g -> g.state())
        .containsExactly(GrantState.DONE);
  }

  @Test
  void level4ToPartnerWithSecuPass_opensOnceTheWordsAreConfirmed_andKeepsSubjectMessageAndNames()
      throws Exception {
    SignedInUser pat = SdkFixture.partner("pat@partner.example");
    SafetyWords patReads;
    try (SecuPassSession patSession = f.activate(pat, "pat's secupass")) {
      patReads = SafetyWords.of(patSession.fingerprint());
    }
    SentDelivery sent;
    try (SecuPassSession session = f.activate(alice, "alice's secupass")) {
      sent = f.sdk.deliveries().send(alice, session, draft(SecurityLevel.TOP_SECRET, "terms",
          Addressee.partner(pat.user(), "pat@partner.example"))
          .subject("Merger").message("Confidential terms attached").build());
      // Pat has a SecuPass, but Alice never verified it: the default policy holds the release
      // until she confirms the words Pat reads to her; then it is wrapped to Pat at once.
      assertThat(sent.awaitingSecuPass()).isEmpty();
      FirstContactHold hold = sent.awaitingConfirmation().get(0);
      assertThat(hold.presented()).isEqualTo(patReads);
      assertThat(f.sdk.grants().confirmFirstContact(session, hold.grant(), patReads).fulfilled())
          .containsExactly(hold.grant());
    }

    DeliveryRecord stored = f.memory.deliveries().find(sent.id()).orElseThrow();
    assertThat(new String(stored.details(), StandardCharsets.ISO_8859_1))
        .doesNotContain("Merger").doesNotContain("Confidential");
    assertThat(new String(stored.files().get(0).name(), StandardCharsets.ISO_8859_1))
        .doesNotContain("report");
    assertThat(f.event(pat.user(), DeliveryReceived.class).clearSubject()).isEmpty();
    assertThat(f.sdk.deliveries().inbox(pat, PageRequest.first(10)).items().get(0).subject())
        .isNull();

    try (SecuPassSession patSession = f.unlock(pat, "pat's secupass");
        OpenedDelivery opened = f.sdk.deliveries().open(pat, patSession, sent.id())) {
      assertThat(opened.subject()).isEqualTo("Merger");
      assertThat(opened.message()).isEqualTo("Confidential terms attached");
      assertThat(opened.files()).extracting(DeliveredFile::name).containsExactly("report.txt");
      assertThat(SdkFixture.firstFile(opened)).isEqualTo("terms");
    }
  }

  @Test
  void level1ByLink_opensWithoutSignInAndStoresOnlyTheTokenHash() throws Exception {
    SignedInUser bob = SdkFixture.employee("bob@corp.example");
    SentDelivery sent = f.sdk.deliveries().send(alice, draft(SecurityLevel.LINK, "public notes",
        Addressee.employee(bob.user(), "bob@corp.example")).build());
    LinkToken token = sent.linkToken().orElseThrow();
    LinkToken emailed = f.event(bob.user(), DeliveryReceived.class).link().orElseThrow();
    assertThat(emailed.reveal()).isEqualTo(token.reveal());

    try (OpenedDelivery opened = f.sdk.deliveries()
        .openByLink(sent.id(), LinkToken.parse(token.reveal()))) {
      assertThat(SdkFixture.firstFile(opened)).isEqualTo("public notes");
    }

    DeliveryRecord stored = f.memory.deliveries().find(sent.id()).orElseThrow();
    assertThat(stored.linkTokenHash()).isEqualTo(token.hash());
    try (InputStream blob = f.blobs.open(stored.files().get(0).blob())) {
      assertThat(new String(blob.readAllBytes(), StandardCharsets.ISO_8859_1))
          .doesNotContain("public notes");
    }
    assertThat(f.memory.deliveries().find(sent.id()).orElseThrow().downloadCount()).isEqualTo(1);
    List<AuditRecord> audit = f.sdk.deliveries()
        .auditTrail(alice, sent.id(), PageRequest.first(10)).items();
    assertThat(audit).extracting(AuditRecord::action, AuditRecord::outcome)
        .contains(tuple("delivery.open", "ok"), tuple("delivery.download", "ok"));
    assertThat(audit.get(audit.size() - 1).knownActor()).isEmpty();
  }

  @Test
  void level2_isRefusedWithoutSignInAndToOthers_opensForTheSignedInRecipient() {
    SignedInUser bob = SdkFixture.employee("bob@corp.example");
    SentDelivery sent = f.sdk.deliveries().send(alice, draft(SecurityLevel.LOGIN, "for bob",
        Addressee.employee(bob.user(), "")).build());
    assertThat(sent.linkToken()).isEmpty();

    assertThatThrownBy(() -> f.sdk.deliveries().openByLink(sent.id(),
        LinkToken.generate(new SecureRandom())))
        .isInstanceOf(SignInRequiredException.class);
    assertThatThrownBy(() -> f.sdk.deliveries().open(SdkFixture.employee("mallory"), sent.id()))
        .isInstanceOf(NotARecipientException.class);
    try (OpenedDelivery opened = f.sdk.deliveries().open(bob, sent.id())) {
      assertThat(SdkFixture.firstFile(opened)).isEqualTo("for bob");
      assertThat(opened.subject()).isEqualTo("Quarterly report");
    }

    assertThat(f.sdk.deliveries().auditTrail(alice, sent.id(), PageRequest.first(10)).items())
        .extracting(AuditRecord::outcome)
        .containsSubsequence("sign_in_required", "not_recipient", "ok");
  }
}
