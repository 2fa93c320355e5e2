package dev.secupass.core.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.InvalidSignatureException;
import dev.secupass.api.RoomId;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.SessionClosedException;
import dev.secupass.api.SessionExpiredException;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.crypto.Envelope;
import dev.secupass.core.internal.crypto.EnvelopeContext;
import dev.secupass.core.internal.crypto.PublicKeys;
import dev.secupass.core.internal.crypto.SignedStatement;
import dev.secupass.core.internal.crypto.SignedType;
import dev.secupass.core.internal.crypto.SymmetricKey;
import dev.secupass.core.internal.format.ByteWriter;
import dev.secupass.core.internal.format.FormatPrefix;
import dev.secupass.core.internal.keys.KeySession;
import dev.secupass.core.internal.keys.PrivateKeys;
import dev.secupass.core.testing.KeyFixture;
import dev.secupass.tck.Samples;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SecuPassSessionTest {
  private final KeyFixture fixture = new KeyFixture();
  private final UserId alice = Samples.user();
  private final UserId bob = Samples.user();
  private final EnvelopeContext delivery =
      EnvelopeContext.delivery(DeliveryId.of("d1"), SecurityLevel.SECRET);
  private final SymmetricKey contentKey = SymmetricKey.generate(new SecureRandom());

  @Test
  void envelope_sealedToBob_opensForBobWithTheSameKey() {
    try (KeySession sender = fixture.activate(alice, "a");
        KeySession recipient = fixture.activate(bob, "b")) {
      byte[] envelope = sender.sealEnvelope(contentKey, recipient.publicKeys(), delivery);

      Envelope header = Envelope.parse(envelope);
      assertThat(header.recipient()).isEqualTo(bob);
      assertThat(header.granter()).isEqualTo(alice);
      assertThat(header.context()).isEqualTo(delivery);
      try (SymmetricKey opened = recipient.openEnvelope(envelope, sender.publicKeys(), delivery)) {
        assertThat(opened.exportBytes()).isEqualTo(contentKey.exportBytes());
      }
    }
  }

  @Test
  void envelope_toOneself_opensWithOwnKeys() {
    try (KeySession sender = fixture.activate(alice, "a")) {
      byte[] envelope = sender.sealEnvelope(contentKey, sender.publicKeys(), delivery);

      assertThat(sender.openEnvelope(envelope, sender.publicKeys(), delivery).exportBytes())
          .isEqualTo(contentKey.exportBytes());
    }
  }

  @Test
  void envelope_openedByAnotherRecipient_throwsIntegrity() {
    UserId carol = Samples.user();
    try (KeySession sender = fixture.activate(alice, "a");
        KeySession recipient = fixture.activate(bob, "b");
        KeySession other = fixture.activate(carol, "c")) {
      byte[] envelope = sender.sealEnvelope(contentKey, recipient.publicKeys(), delivery);

      assertThatThrownBy(() -> other.openEnvelope(envelope, sender.publicKeys(), delivery))
          .isInstanceOf(IntegrityException.class).hasMessageContaining("addressed to");
    }
  }

  @Test
  void envelope_inAnotherContextOrLevel_throwsIntegrity() {
    try (KeySession sender = fixture.activate(alice, "a");
        KeySession recipient = fixture.activate(bob, "b")) {
      byte[] envelope = sender.sealEnvelope(contentKey, recipient.publicKeys(), delivery);

      for (EnvelopeContext other : new EnvelopeContext[] {
          EnvelopeContext.delivery(DeliveryId.of("d1"), SecurityLevel.LOGIN),
          EnvelopeContext.delivery(DeliveryId.of("d2"), SecurityLevel.SECRET),
          EnvelopeContext.roomEpoch(RoomId.of("d1"), 1)}) {
        assertThatThrownBy(() -> recipient.openEnvelope(envelope, sender.publicKeys(), other))
            .as(other.toString())
            .isInstanceOf(IntegrityException.class).hasMessageContaining("context");
      }
    }
  }

  @Test
  void envelope_checkedAgainstAnotherGranter_throwsInvalidSignature() {
    UserId mallory = Samples.user();
    try (KeySession sender = fixture.activate(alice, "a");
        KeySession recipient = fixture.activate(bob, "b");
        KeySession forger = fixture.activate(mallory, "m")) {
      byte[] forged = forger.sealEnvelope(contentKey, recipient.publicKeys(), delivery);

      assertThatThrownBy(() -> recipient.openEnvelope(forged, sender.publicKeys(), delivery))
          .isInstanceOf(InvalidSignatureException.class);
    }
  }

  @Test
  void envelope_withAnyByteFlipped_neverOpens() {
    try (KeySession sender = fixture.activate(alice, "a");
        KeySession recipient = fixture.activate(bob, "b")) {
      byte[] envelope = sender.sealEnvelope(contentKey, recipient.publicKeys(), delivery);

      for (int i = 0; i < envelope.length; i++) {
        byte[] tampered = envelope.clone();
        tampered[i] ^= 0x04;
        assertThatThrownBy(() -> recipient.openEnvelope(tampered, sender.publicKeys(), delivery))
            .as("byte %d", i)
            .isInstanceOf(dev.secupass.api.SecuPassException.class);
      }
    }
  }

  @Test
  void envelope_toABundleWithALowOrderX25519Key_isRefusedAtTheBundle_throwsIntegrity() {
    // A correctly self-signed bundle whose X25519 key is of small order: every envelope sealed to
    // it would have a public shared secret. The bundle is refused before any envelope exists (the
    // HPKE layer refuses such a key too, see WycheproofX25519Test).
    PrivateKeys mallory = PrivateKeys.generate(new SecureRandom());
    ByteWriter bundle = FormatPrefix.write(new ByteWriter(), FormatPrefix.Kind.PUBLIC_KEYS)
        .string("mallory").u32(1).bytes(new byte[32]).bytes(mallory.signingPublic());
    byte[] lowOrder = bundle.bytes(mallory.sign(bundle.toByteArray())).toByteArray();

    assertThatThrownBy(() -> PublicKeys.parse(lowOrder))
        .isInstanceOf(IntegrityException.class).hasMessageContaining("unusable X25519 key");
  }

  @Test
  void sign_verifiesOnlyUnderTheSignersKeysAndType() {
    try (KeySession signer = fixture.activate(alice, "a");
        KeySession other = fixture.activate(bob, "b")) {
      byte[] signed = signer.sign(SignedType.MEMBERSHIP_ENTRY, new byte[] {1, 2, 3});
      SignedStatement statement = SignedStatement.parse(signed);

      assertThat(statement.signer()).isEqualTo(alice);
      assertThat(statement.verifiedPayload(signer.publicKeys(), SignedType.MEMBERSHIP_ENTRY))
          .containsExactly(1, 2, 3);
      assertThatThrownBy(() -> statement.verifiedPayload(other.publicKeys(),
          SignedType.MEMBERSHIP_ENTRY)).isInstanceOf(InvalidSignatureException.class);
      assertThatThrownBy(() -> statement.verifiedPayload(signer.publicKeys(),
          SignedType.DELIVERY_MANIFEST)).isInstanceOf(IntegrityException.class);
      byte[] tampered = signed.clone();
      tampered[tampered.length - 65] ^= 1;
      assertThatThrownBy(() -> SignedStatement.parse(tampered)
          .verifiedPayload(signer.publicKeys(), SignedType.MEMBERSHIP_ENTRY))
          .isInstanceOf(InvalidSignatureException.class);
    }
  }

  @Test
  void close_thenUse_throwsSessionClosed() {
    KeySession session = fixture.activate(alice, "a");
    session.close();
    session.close();

    assertThat(session.isOpen()).isFalse();
    assertThatThrownBy(() -> session.sign(SignedType.MEMBERSHIP_ENTRY, new byte[1]))
        .isInstanceOf(SessionClosedException.class)
        .isNotInstanceOf(SessionExpiredException.class);
  }

  @Test
  void idleLongerThanTheTimeout_expiresAndThrowsSessionExpired() {
    KeySession session = fixture.activate(alice, "a");
    fixture.clock.advance(KeyFixture.IDLE.plusSeconds(1));

    assertThat(session.isOpen()).isFalse();
    assertThatThrownBy(() -> session.sign(SignedType.MEMBERSHIP_ENTRY, new byte[1]))
        .isInstanceOf(SessionExpiredException.class);
    assertThatThrownBy(() -> session.sealEnvelope(contentKey, session.publicKeys(), delivery))
        .isInstanceOf(SessionExpiredException.class);
  }

  @Test
  void useWithinTheTimeout_keepsTheSessionOpen() {
    try (KeySession session = fixture.activate(alice, "a")) {
      for (int i = 0; i < 5; i++) {
        fixture.clock.advance(KeyFixture.IDLE.minus(Duration.ofSeconds(1)));
        session.sign(SignedType.MEMBERSHIP_ENTRY, new byte[1]);
      }

      assertThat(session.isOpen()).isTrue();
    }
  }
}
