package dev.secupass.core.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.FileId;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.InvalidSignatureException;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.RoomId;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.crypto.DeliveryManifest.FileEntry;
import dev.secupass.core.internal.crypto.EnvelopeContext.Purpose;
import dev.secupass.core.internal.format.EnvelopeCodec;
import dev.secupass.core.internal.format.SignedStatementCodec;
import dev.secupass.core.testing.DeterministicRandom;
import dev.secupass.core.testing.FuzzKeys;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The checks of the envelope, signature and manifest types at their edges: which keys a bundle
 * may hold, what a signature verifies against, which contexts an envelope may name, and which
 * manifests exist at all.
 */
class CryptoChecksTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] PAYLOAD = "payload".getBytes(StandardCharsets.UTF_8);

  // X25519 public keys

  @Test
  void x25519_acceptsCanonicalKeysOfLargeOrderOnly() {
    byte[] generated = HpkeX25519.publicKey(
        HpkeX25519.generatePrivateKey(new DeterministicRandom("x25519")));
    assertThat(HpkeX25519.isValidPublicKey(generated)).isTrue();
    // p - 2, the largest canonical u-coordinate that is not of small order.
    assertThat(HpkeX25519.isValidPublicKey(
        HEX.parseHex("ebffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"))).isTrue();
    // p itself, and p + 1 (= 1, of small order, spelled non-canonically), are not canonical.
    assertThat(HpkeX25519.isValidPublicKey(
        HEX.parseHex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"))).isFalse();
    assertThat(HpkeX25519.isValidPublicKey(
        HEX.parseHex("eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"))).isFalse();
    // A key with its top bit set: RFC 7748 ignores it, a bundle may not carry it.
    byte[] topBit = generated.clone();
    topBit[31] |= (byte) 0x80;
    assertThat(HpkeX25519.isValidPublicKey(topBit)).isFalse();
    assertThat(HpkeX25519.isValidPublicKey(Arrays.copyOf(generated, 31))).isFalse();
    assertThat(HpkeX25519.isValidPublicKey(Arrays.copyOf(generated, 33))).isFalse();
  }

  @Test
  void x25519_refusesEveryPointOfSmallOrder() {
    for (String smallOrder : List.of(
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0100000000000000000000000000000000000000000000000000000000000000",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
        "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157")) {
      assertThat(HpkeX25519.isValidPublicKey(HEX.parseHex(smallOrder))).as(smallOrder).isFalse();
    }
  }

  @Test
  void hpke_sealingToASmallOrderKey_isRefused_andAnOpenWithTheWrongInfoFails() throws Exception {
    DeterministicRandom random = new DeterministicRandom("hpke");
    assertThatThrownBy(() -> HpkeX25519.seal(new byte[32], PAYLOAD, PAYLOAD, random))
        .isInstanceOf(IntegrityException.class);

    byte[] privateKey = HpkeX25519.generatePrivateKey(random);
    byte[] publicKey = HpkeX25519.publicKey(privateKey);
    HpkeX25519.Sealed sealed = HpkeX25519.seal(publicKey, PAYLOAD, PAYLOAD, random);
    assertThat(HpkeX25519.open(privateKey, publicKey, sealed.enc(), PAYLOAD, sealed.ciphertext()))
        .isEqualTo(PAYLOAD);
    assertThatThrownBy(() -> HpkeX25519.open(privateKey, publicKey, sealed.enc(), new byte[1],
        sealed.ciphertext())).isInstanceOf(javax.crypto.AEADBadTagException.class);
  }

  // Ed25519

  @Test
  void ed25519_verifiesAtAnOffset_andRefusesShortSignaturesAndKeys() {
    byte[] seed = Ed25519Signing.generateSeed(new DeterministicRandom("ed25519"));
    byte[] publicKey = Ed25519Signing.publicKey(seed);
    byte[] signature = Ed25519Signing.sign(seed, publicKey, PAYLOAD, PAYLOAD.length);
    byte[] padded = new byte[3 + signature.length];
    System.arraycopy(signature, 0, padded, 3, signature.length);

    assertThat(Ed25519Signing.verify(publicKey, PAYLOAD, PAYLOAD.length, signature, 0)).isTrue();
    assertThat(Ed25519Signing.verify(publicKey, PAYLOAD, PAYLOAD.length, padded, 3)).isTrue();
    assertThat(Ed25519Signing.verify(publicKey, PAYLOAD, PAYLOAD.length, padded, 4)).isFalse();
    assertThat(Ed25519Signing.verify(publicKey, PAYLOAD, PAYLOAD.length,
        Arrays.copyOf(signature, 63), 0)).isFalse();
    assertThat(Ed25519Signing.verify(Arrays.copyOf(publicKey, 31), PAYLOAD, PAYLOAD.length,
        signature, 0)).isFalse();
    // Only the first {@code length} bytes are signed.
    assertThat(Ed25519Signing.verify(publicKey, PAYLOAD, PAYLOAD.length - 1, signature, 0))
        .isFalse();
    byte[] longer = Arrays.copyOf(PAYLOAD, PAYLOAD.length + 4);
    assertThat(Ed25519Signing.verify(publicKey, longer, PAYLOAD.length, signature, 0)).isTrue();

    assertThat(Ed25519Signing.isValidPublicKey(publicKey)).isTrue();
    assertThat(Ed25519Signing.isValidPublicKey(Arrays.copyOf(publicKey, 31))).isFalse();
    byte[] identity = new byte[32];
    identity[0] = 1;
    assertThat(Ed25519Signing.isValidPublicKey(identity)).as("the identity, of small order")
        .isFalse();
  }

  // Signed statements

  private static final byte[] STATEMENT = SignedStatementCodec.sign(FuzzKeys.alice(),
      FuzzKeys.ALICE, FuzzKeys.ALICE_VERSION, SignedType.DELIVERY_MANIFEST, PAYLOAD);

  @Test
  void aStatement_verifiesOnlyAsItsType_underItsSignersKeysOfItsVersion() {
    SignedStatement statement = SignedStatement.parse(STATEMENT);
    assertThat(statement.type()).isEqualTo(SignedType.DELIVERY_MANIFEST);
    assertThat(statement.signer()).isEqualTo(FuzzKeys.ALICE);
    assertThat(statement.signerKeyVersion()).isEqualTo(FuzzKeys.ALICE_VERSION);

    byte[] payload = statement.verifiedPayload(FuzzKeys.alicePublic(),
        SignedType.DELIVERY_MANIFEST);
    assertThat(payload).isEqualTo(PAYLOAD);
    payload[0] ^= 1;
    assertThat(statement.verifiedPayload(FuzzKeys.alicePublic(), SignedType.DELIVERY_MANIFEST))
        .as("each caller gets its own copy").isEqualTo(PAYLOAD);

    assertThatThrownBy(() -> statement.verifiedPayload(FuzzKeys.alicePublic(),
        SignedType.MEMBERSHIP_ENTRY)).isInstanceOf(IntegrityException.class)
        .isNotInstanceOf(InvalidSignatureException.class);
    assertThatThrownBy(() -> statement.verifiedPayload(FuzzKeys.bobPublic(),
        SignedType.DELIVERY_MANIFEST)).isInstanceOf(InvalidSignatureException.class)
        .hasMessageContaining("claims signer alice");
  }

  @Test
  void aStatementClaimingAnotherVersionOfTheSignersKeys_doesNotVerify() {
    PublicKeys alice = FuzzKeys.alicePublic();
    byte[] claimsVersion2 = SignedStatementCodec.sign(FuzzKeys.alice(), FuzzKeys.ALICE,
        KeyVersion.of(2), SignedType.DELIVERY_MANIFEST, PAYLOAD);

    assertThatThrownBy(() -> SignedStatement.parse(claimsVersion2).verifiedPayload(alice,
        SignedType.DELIVERY_MANIFEST)).isInstanceOf(InvalidSignatureException.class)
        .hasMessageContaining("claims signer alice v2");
  }

  @Test
  void aStatementByAnotherKeyUnderTheClaimedName_doesNotVerify() {
    byte[] byBob = SignedStatementCodec.sign(FuzzKeys.bob(), FuzzKeys.ALICE,
        FuzzKeys.ALICE_VERSION, SignedType.DELIVERY_MANIFEST, PAYLOAD);

    assertThatThrownBy(() -> SignedStatement.parse(byBob).verifiedPayload(
        FuzzKeys.alicePublic(), SignedType.DELIVERY_MANIFEST))
        .isInstanceOf(InvalidSignatureException.class)
        .hasMessageContaining("does not verify");
  }

  // Envelopes

  @Test
  void anEnvelopesHeader_namesItsGranterRecipientAndContext() {
    EnvelopeContext context = EnvelopeContext.roomEpoch(RoomId.of("room-1"), 3);
    byte[] envelope = EnvelopeCodec.seal(FuzzKeys.alice(), FuzzKeys.ALICE, FuzzKeys.ALICE_VERSION,
        FuzzKeys.bobPublic(), context, new byte[32], new DeterministicRandom("envelope"));

    Envelope header = Envelope.parse(envelope);
    assertThat(header.granter()).isEqualTo(FuzzKeys.ALICE);
    assertThat(header.granterKeyVersion()).isEqualTo(FuzzKeys.ALICE_VERSION);
    assertThat(header.recipient()).isEqualTo(FuzzKeys.BOB);
    assertThat(header.recipientKeyVersion()).isEqualTo(FuzzKeys.BOB_VERSION);
    assertThat(header.context()).isEqualTo(context);
    assertThat(header.suite()).isEqualTo(1);
    assertThat(Envelope.parse(EnvelopeCodec.seal(FuzzKeys.alice(), FuzzKeys.ALICE,
        FuzzKeys.ALICE_VERSION, FuzzKeys.bobXWingPublic(), context, new byte[32],
        new DeterministicRandom("envelope"))).suite()).isEqualTo(2);
  }

  @Test
  void anEnvelopeContext_namesALevel1To4ForADelivery_andAnEpochFrom1ForARoom() {
    for (int level = 1; level <= 4; level++) {
      int l = level;
      assertThatCode(() -> new EnvelopeContext(Purpose.DELIVERY_KEY, "d-1", l, 0))
          .doesNotThrowAnyException();
    }
    assertThat(EnvelopeContext.delivery(DeliveryId.of("d-1"), SecurityLevel.TOP_SECRET))
        .isEqualTo(new EnvelopeContext(Purpose.DELIVERY_KEY, "d-1", 4, 0));
    assertThat(EnvelopeContext.roomEpoch(RoomId.of("r-1"), 1))
        .isEqualTo(new EnvelopeContext(Purpose.ROOM_EPOCH_KEY, "r-1", 0, 1));
    assertThat(Purpose.DELIVERY_KEY.code()).isEqualTo(1);
    assertThat(Purpose.ROOM_EPOCH_KEY.code()).isEqualTo(2);

    for (int[] bad : new int[][] {{0, 0}, {5, 0}, {3, 1}, {-1, 0}}) {
      assertThatThrownBy(() -> new EnvelopeContext(Purpose.DELIVERY_KEY, "d-1", bad[0], bad[1]))
          .as("delivery level %d epoch %d", bad[0], bad[1])
          .isInstanceOf(IllegalArgumentException.class);
    }
    for (int[] bad : new int[][] {{0, 0}, {1, 1}, {0, -1}}) {
      assertThatThrownBy(() -> new EnvelopeContext(Purpose.ROOM_EPOCH_KEY, "r-1", bad[0], bad[1]))
          .as("room level %d epoch %d", bad[0], bad[1])
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> new EnvelopeContext(Purpose.DELIVERY_KEY, "not an id!", 3, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new EnvelopeContext(Purpose.ROOM_EPOCH_KEY, "not an id!", 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // Delivery manifests

  private static final Instant CREATED = Instant.parse("2026-03-01T09:00:00Z");
  private static final Instant EXPIRES = Instant.parse("2026-03-08T09:00:00Z");

  private static byte[] digest(int seed) {
    byte[] digest = new byte[32];
    Arrays.fill(digest, (byte) seed);
    return digest;
  }

  private static FileEntry entry(String id, int version) {
    return version == 1 ? new FileEntry(FileId.of(id), 10, 40, digest(1))
        : new FileEntry(FileId.of(id), 10, 40, digest(1), digest(2));
  }

  private static DeliveryManifest manifest(int version, List<UserId> recipients,
      List<FileEntry> files, Instant expires) {
    return new DeliveryManifest(version, DeliveryId.of("d-1"), SecurityLevel.SECRET,
        FuzzKeys.ALICE, FuzzKeys.ALICE_VERSION, CREATED, expires, recipients, files, digest(3),
        digest(4));
  }

  @Test
  void aManifestExistsOnlyWithDistinctRecipientsAndFiles_aLaterExpiry_andItsVersionsNames() {
    List<UserId> bob = List.of(FuzzKeys.BOB);
    assertThatCode(() -> manifest(1, bob, List.of(entry("f-1", 1)), EXPIRES))
        .doesNotThrowAnyException();
    assertThatCode(() -> manifest(2, bob, List.of(entry("f-1", 2)), EXPIRES))
        .doesNotThrowAnyException();
    assertThatCode(() -> manifest(2, List.of(), List.of(), CREATED.plusNanos(1)))
        .doesNotThrowAnyException();

    assertThatThrownBy(() -> manifest(0, bob, List.of(), EXPIRES))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatCode(() -> manifest(3, bob, List.of(entry("f-1", 2)), EXPIRES))
        .as("version 3: version 2 with the seen checkpoint").doesNotThrowAnyException();
    assertThatThrownBy(() -> manifest(4, bob, List.of(), EXPIRES))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DeliveryManifest(2, DeliveryId.of("d-1"), SecurityLevel.SECRET,
        FuzzKeys.ALICE, KeyVersion.FIRST, CREATED, EXPIRES, bob, List.of(), new byte[32],
        new byte[32], new dev.secupass.core.internal.keylog.BoundCheckpoint(1, new byte[32])))
        .as("only version 3 carries a seen checkpoint")
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> manifest(1, List.of(FuzzKeys.BOB, FuzzKeys.BOB), List.of(),
        EXPIRES)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> manifest(1, bob, List.of(entry("f-1", 1), entry("f-1", 1)),
        EXPIRES)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> manifest(1, bob, List.of(), CREATED))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> manifest(1, bob, List.of(entry("f-1", 2)), EXPIRES))
        .as("a name digest in version 1").isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> manifest(2, bob, List.of(entry("f-1", 1)), EXPIRES))
        .as("no name digest in version 2").isInstanceOf(IllegalArgumentException.class);

    assertThatThrownBy(() -> new FileEntry(FileId.of("f"), -1, 0, digest(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FileEntry(FileId.of("f"), 0, -1, digest(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatCode(() -> new FileEntry(FileId.of("f"), 0, 0, digest(1)))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> new FileEntry(FileId.of("f"), 0, 0, new byte[31]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FileEntry(FileId.of("f"), 0, 0, digest(1), new byte[33]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void manifestsAreEqualByContent_andTheirDigestsAreCopies() {
    DeliveryManifest a = manifest(2, List.of(FuzzKeys.BOB), List.of(entry("f-1", 2)), EXPIRES);
    DeliveryManifest b = manifest(2, List.of(FuzzKeys.BOB), List.of(entry("f-1", 2)), EXPIRES);
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.files().get(0)).isEqualTo(b.files().get(0))
        .hasSameHashCodeAs(b.files().get(0));
    assertThat(a).isNotEqualTo(manifest(2, List.of(FuzzKeys.BOB), List.of(entry("f-2", 2)),
        EXPIRES));
    assertThat(a).isNotEqualTo(manifest(2, List.of(), List.of(entry("f-1", 2)), EXPIRES));
    assertThat(a.files().get(0)).isNotEqualTo(new FileEntry(FileId.of("f-1"), 10, 40, digest(1),
        digest(5)));
    assertThat(a.files().get(0)).isNotEqualTo(new FileEntry(FileId.of("f-1"), 10, 40, digest(6),
        digest(2)));
    assertThat(a.files().get(0)).isNotEqualTo(new FileEntry(FileId.of("f-1"), 11, 40, digest(1),
        digest(2)));
    assertThat(a.files().get(0)).isNotEqualTo(new FileEntry(FileId.of("f-1"), 10, 41, digest(1),
        digest(2)));

    byte[] details = a.detailsDigest();
    details[0] ^= 1;
    a.keyCommitment()[0] ^= 1;
    a.files().get(0).digest()[0] ^= 1;
    a.files().get(0).nameDigest()[0] ^= 1;
    assertThat(a).isEqualTo(b);
    assertThat(a.detailsDigest()).isEqualTo(digest(3));
    assertThat(a.files().get(0).nameDigest()).isEqualTo(digest(2));

    assertThat(a.toString()).isEqualTo(
        "DeliveryManifest[delivery=d-1, level=SECRET, sender=alice, recipients=1, files=1]");
    assertThat(a.files().get(0).toString())
        .isEqualTo("FileEntry[file=f-1, size=10, storedSize=40]");
  }

  @Test
  void aManifestFindsItsFiles_andChecksTheKeyItCommitsTo() {
    try (SymmetricKey key = SymmetricKey.generate(new DeterministicRandom("content key"));
        SymmetricKey other = SymmetricKey.generate(new DeterministicRandom("other key"))) {
      DeliveryManifest manifest = new DeliveryManifest(1, DeliveryId.of("d-1"),
          SecurityLevel.SECRET, FuzzKeys.ALICE, FuzzKeys.ALICE_VERSION, CREATED, EXPIRES,
          List.of(FuzzKeys.BOB), List.of(entry("f-1", 1), entry("f-2", 1)), digest(3),
          key.commitment());

      assertThat(manifest.file(FileId.of("f-2"))).isEqualTo(entry("f-2", 1));
      assertThatThrownBy(() -> manifest.file(FileId.of("f-3")))
          .isInstanceOf(IntegrityException.class);
      assertThatCode(() -> manifest.checkKey(key)).doesNotThrowAnyException();
      assertThatThrownBy(() -> manifest.checkKey(other))
          .isInstanceOf(IntegrityException.class)
          .hasMessage("the content key of delivery d-1 does not match the manifest's key"
              + " commitment");
    }
  }
}
