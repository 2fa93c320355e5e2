package dev.secupass.core;

import static dev.secupass.core.testing.SdkFixture.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.RoomId;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import dev.secupass.core.delivery.Addressee;
import dev.secupass.core.delivery.OpenedDelivery;
import dev.secupass.core.events.GrantReady;
import dev.secupass.core.grants.FirstContactPolicy;
import dev.secupass.core.internal.crypto.CiphertextSource;
import dev.secupass.core.internal.crypto.ContentCipher;
import dev.secupass.core.internal.crypto.ContentContext;
import dev.secupass.core.internal.crypto.SymmetricKey;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.testing.SdkFixture;
import dev.secupass.core.testing.TestPolicies;
import dev.secupass.spi.GrantState;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The flows cannot be skipped: activation and reset through the only door always do their grant
 * bookkeeping, a session works only with the SDK instance that made it, and a secret leaves the SDK
 * only through a {@link SecretAccess} token.
 */
class OneDoorTest {
  // Trust on first use, chosen explicitly: the subject is not the first-contact release policy.
  private final SdkFixture f = SdkFixture.trustingFirstUse();
  private final SignedInUser alice = SdkFixture.employee("alice");
  private final SignedInUser bob = SdkFixture.employee("bob");

  private DeliveryId sendToBobWithoutSecuPass() {
    f.activate(alice, "alice pass").close();
    try (SecuPassSession session = f.unlock(alice, "alice pass")) {
      return f.sdk.deliveries().send(alice, session, draft(SecurityLevel.SECRET, "payload",
          Addressee.employee(bob.user(), "")).build()).id();
    }
  }

  @Test
  void activation_alwaysMarksTheRecipientsGrantsReady_andTellsTheGranter() {
    DeliveryId id = sendToBobWithoutSecuPass();

    f.activate(bob, "bob pass").close();

    assertThat(f.memory.grants().forRecipient(bob.user())).singleElement()
        .satisfies(grant -> assertThat(grant.state()).isEqualTo(GrantState.READY));
    assertThat(f.event(alice.user(), GrantReady.class).forDelivery()).contains(id);
  }

  @Test
  void reset_alwaysQueuesWhatTheUserCouldOpenAgain() {
    f.activate(bob, "bob pass").close();
    DeliveryId id = sendToBobWithoutSecuPass();
    assertThat(f.memory.grants().forRecipient(bob.user())).isEmpty();

    try (SecuPass next = SecuPass.of("bob's new pass")) {
      f.sdk.secuPass().reset(bob.user(), next).close();
    }

    assertThat(f.memory.grants().forRecipient(bob.user())).singleElement()
        .satisfies(grant -> {
          assertThat(grant.state()).isEqualTo(GrantState.READY);
          assertThat(grant.target().id()).isEqualTo(id.value());
        });
    assertThat(f.event(alice.user(), GrantReady.class).recipient().user()).isEqualTo(bob.user());
  }

  @Test
  void aSessionOfAnotherSdkInstance_isRefusedByEveryPart() {
    DeliveryId id = sendToBobWithoutSecuPass();
    SecuPassSdk other = SecuPassSdk.builder().storage(f.storage).blobStore(f.blobs)
        .atRestKey(f.atRestKey).clock(f.clock).kdfPolicy(TestPolicies.FAST)
        .firstContactPolicy(FirstContactPolicy.trustOnFirstUse()).build();
    SecuPassSession foreign;
    try (SecuPass pass = SecuPass.of("alice pass")) {
      foreign = other.secuPass().unlock(alice.user(), pass);
    }

    assertThatThrownBy(() -> f.sdk.deliveries().open(alice, foreign, id))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("another SecuPassSdk");
    assertThatThrownBy(() -> f.sdk.deliveries().send(alice, foreign,
        draft(SecurityLevel.SECRET, "x", Addressee.employee(bob.user(), "")).build()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> f.sdk.grants().fulfil(foreign))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> f.sdk.secuPass().reverify(foreign, bob.user(),
        foreign.fingerprint())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> f.sdk.rooms().create(alice, foreign, "room"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> f.sdk.rooms().open(foreign, RoomId.of("r1")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(f.blobs.committed()).hasSize(1);
    SecuPassSession impostor = new SecuPassSession() {
      @Override
      public UserId user() {
        return alice.user();
      }

      @Override
      public dev.secupass.api.KeyVersion keyVersion() {
        return foreign.keyVersion();
      }

      @Override
      public dev.secupass.api.Fingerprint fingerprint() {
        return foreign.fingerprint();
      }

      @Override
      public java.util.List<dev.secupass.core.keylog.KeyLogAlarm> keyLogAlarms() {
        return java.util.List.of();
      }

      @Override
      public boolean isOpen() {
        return true;
      }

      @Override
      public void close() {}
    };
    assertThatThrownBy(() -> f.sdk.deliveries().open(alice, impostor, id))
        .isInstanceOf(IllegalArgumentException.class);
    foreign.close();
    other.close();
  }

  @Test
  void contentKey_leavesOnlyWithSecretAccess_andDecryptsByTheFormatAlone() throws Exception {
    DeliveryId id = f.sdk.deliveries().send(alice, draft(SecurityLevel.LOGIN, "archived text",
        Addressee.employee(bob.user(), "")).build()).id();
    var stored = f.memory.deliveries().find(id).orElseThrow().files().get(0);

    byte[] key;
    try (OpenedDelivery opened = f.sdk.deliveries().open(alice, id)) {
      assertThatThrownBy(() -> opened.contentKey(null)).isInstanceOf(NullPointerException.class);
      key = opened.contentKey(SecretAccess.insecure());
    }

    assertThat(key).hasSize(32);
    try (SymmetricKey content = SymmetricKey.importBytes(key);
        InputStream plain = ContentCipher.builder(content,
            ContentContext.deliveryFile(id, stored.id(), SecurityLevel.LOGIN)).build()
            .decrypt(CiphertextSource.of(stored.storedSize(),
                (offset, length) -> f.blobs.open(stored.blob(), offset, length)),
                stored.digest())) {
      assertThat(new String(plain.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("archived text");
    }
    assertThat(SecretAccess.insecure().toString()).doesNotContain("key");
  }
}
