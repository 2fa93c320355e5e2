package dev.secupass.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.NotARecipientException;
import dev.secupass.api.PrincipalKind;
import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import dev.secupass.api.WrongLinkTokenException;
import dev.secupass.api.WrongSecuPassException;
import dev.secupass.core.SecuPassSdk;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.TinkAtRestKey;
import dev.secupass.core.grants.FirstContactPolicy;
import dev.secupass.core.delivery.Addressee;
import dev.secupass.core.delivery.DeliveryDraft;
import dev.secupass.core.delivery.LinkToken;
import dev.secupass.core.delivery.OpenedDelivery;
import dev.secupass.core.delivery.SentDelivery;
import dev.secupass.core.fs.FileSystemBlobStore;
import dev.secupass.core.keys.KdfPolicy;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.observe.SecuPassObserver;
import dev.secupass.storage.jdbc.JdbcStorage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed story on the embedded H2 store with an observer: activations, a wrong SecuPass, sends
 * at levels 1 and 3, opens and refused opens, a first-contact grant, a room member removed, a
 * sweep. It keeps every secret, name, address and id it used, for the tests that check none of
 * them reaches an observation.
 */
final class SeedStory {
  static final String PASSPHRASE = "Correct Horse Battery 4711";
  static final String NEW_PASSPHRASE = "Staple Battery Horse 1147";
  static final String WRONG_PASSPHRASE = "Incorrect Donkey Staple 0815";
  static final String FILE_NAME = "quarterly-merger-terms.pdf";
  static final String SUBJECT = "Zephyr acquisition terms";
  static final String MESSAGE = "Keep the Zephyr numbers to yourselves";
  static final String ROOM_NAME = "Board room Quokka";
  static final int FILE_SIZE = 3000;

  static final UserId ALICE = UserId.of("alice-hopper-91");
  static final UserId BOB = UserId.of("bob-lovelace-92");
  static final UserId CAROL = UserId.of("carol-turing-93");
  static final UserId DAVE = UserId.of("dave-knuth-94");
  static final String BOB_ADDRESS = "bob.lovelace@example.org";
  static final String DAVE_ADDRESS = "dave.knuth@example.org";
  static final String GUEST_ADDRESS = "gina.fermat@example.net";

  private static final KdfPolicy FAST = KdfPolicy.builder().memoryKiB(64).iterations(1)
      .parallelism(1).allowWeakParametersForTests().build();

  /** What the story used that no observation may show. */
  final List<String> secrets = new ArrayList<>(List.of(PASSPHRASE, NEW_PASSPHRASE, WRONG_PASSPHRASE, FILE_NAME,
      SUBJECT, MESSAGE, ROOM_NAME, ALICE.value(), BOB.value(), CAROL.value(), DAVE.value(),
      BOB_ADDRESS, DAVE_ADDRESS, GUEST_ADDRESS, "gina", "fermat", "example", "alice", "bob", "carol", "dave", "hopper", "lovelace", "turing",
      "knuth", "quarterly", "zephyr", "quokka"));

  /** Runs the story with {@code observer} on a new H2 database and blob folder under {@code dir}. */
  void run(Path dir, SecuPassObserver observer) {
    try (JdbcStorage storage = JdbcStorage.embedded(dir.resolve("db"));
        SecuPassSdk sdk = SecuPassSdk.builder()
            .storage(storage)
            .blobStore(new FileSystemBlobStore(dir.resolve("blobs")))
            .atRestKey(TinkAtRestKey.generate())
            .kdfPolicy(FAST)
            .observer(observer)
            // The story measures the grant round trip itself, not the sender's confirmation.
            .firstContactPolicy(FirstContactPolicy.trustOnFirstUse())
            .build()) {
      play(sdk);
    }
  }

  private void play(SecuPassSdk sdk) {
    SignedInUser alice = SignedInUser.employee(ALICE);
    SignedInUser bob = SignedInUser.employee(BOB);
    SignedInUser carol = SignedInUser.employee(CAROL);
    for (UserId user : List.of(BOB, CAROL)) {
      try (SecuPass pass = SecuPass.of(PASSPHRASE)) {
        sdk.secuPass().activate(user, pass).close();
      }
    }
    try (SecuPass wrong = SecuPass.of(WRONG_PASSPHRASE)) {
      assertThatThrownBy(() -> sdk.secuPass().unlock(BOB, wrong))
          .isInstanceOf(WrongSecuPassException.class);
    }
    try (SecuPass pass = SecuPass.of(PASSPHRASE);
        SecuPassSession aliceSession = sdk.secuPass().activate(ALICE, pass)) {
      SentDelivery secret = sdk.deliveries().send(alice, aliceSession, draft(SecurityLevel.SECRET)
          .to(Addressee.employee(BOB, BOB_ADDRESS), Addressee.employee(DAVE, DAVE_ADDRESS))
          .build());
      secrets.add(secret.id().toString());
      assertThat(secret.awaitingSecuPass()).hasSize(1); // dave: a grant waits

      try (SecuPassSession bobSession = sdk.secuPass().unlock(BOB, pass)) {
        OpenedDelivery opened = sdk.deliveries().open(bob, bobSession, secret.id());
        assertThat(opened.files()).hasSize(1);
        try (InputStream file = opened.read(opened.files().get(0).id(), 0, FILE_SIZE)) {
          assertThat(file.readAllBytes()).hasSize(FILE_SIZE);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      try (SecuPassSession carolSession = sdk.secuPass().unlock(CAROL, pass)) {
        assertThatThrownBy(() -> sdk.deliveries().open(carol, carolSession, secret.id()))
            .isInstanceOf(NotARecipientException.class);
      }

      SentDelivery link = sdk.deliveries().send(alice, draft(SecurityLevel.LINK)
          .to(Addressee.guest(GUEST_ADDRESS)).build());
      secrets.add(link.id().toString());
      LinkToken token = link.linkToken().orElseThrow();
      secrets.add(token.reveal());
      LinkToken wrongToken = LinkToken.generate(new SecureRandom());
      secrets.add(wrongToken.reveal());
      assertThatThrownBy(() -> sdk.deliveries().openByLink(link.id(), wrongToken))
          .isInstanceOf(WrongLinkTokenException.class);
      assertThat(sdk.deliveries().openByLink(link.id(), token).files()).hasSize(1);

      // Dave's first activation: alice's open session fulfils the waiting grant.
      sdk.secuPass().activate(DAVE, pass).close();

      RoomId room = sdk.rooms().create(alice, aliceSession, ROOM_NAME);
      secrets.add(room.toString());
      sdk.rooms().addMember(aliceSession, room, BOB, PrincipalKind.EMPLOYEE, RoomRole.EDITOR);
      sdk.rooms().removeMember(aliceSession, room, BOB);
    }
    try (SecuPass current = SecuPass.of(PASSPHRASE); SecuPass next = SecuPass.of(NEW_PASSPHRASE)) {
      sdk.secuPass().change(CAROL, current, next);
    }
    sdk.deliveries().sweepExpired(100);
  }

  private static DeliveryDraft.Builder draft(SecurityLevel level) {
    byte[] content = new byte[FILE_SIZE];
    new SecureRandom().nextBytes(content);
    return DeliveryDraft.builder()
        .level(level)
        .subject(SUBJECT)
        .message(MESSAGE)
        .file(FILE_NAME, () -> new ByteArrayInputStream(content), FILE_SIZE);
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
