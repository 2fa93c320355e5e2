package dev.secupass.core.internal.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.FileId;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.MembershipLogException;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UnsupportedFormatException;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.crypto.CiphertextSource;
import dev.secupass.core.internal.crypto.ContentCipher;
import dev.secupass.core.internal.crypto.ContentContext;
import dev.secupass.core.internal.crypto.EnvelopeContext;
import dev.secupass.core.internal.crypto.PublicKeys;
import dev.secupass.core.internal.crypto.SignedType;
import dev.secupass.core.internal.crypto.SymmetricKey;
import dev.secupass.core.internal.events.EventPayload;
import dev.secupass.core.internal.keys.PrivateKeys;
import dev.secupass.core.internal.keys.PublicKeyBundle;
import dev.secupass.core.internal.rooms.MembershipCodec;
import dev.secupass.core.testing.DeterministicRandom;
import dev.secupass.core.testing.Streams;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The reader rules of {@code docs/format.md} ("Reader rules", R1-R11) applied by the SDK's codecs:
 * each test performs what a rule forbids on an otherwise valid encoding and expects the rule's
 * outcome. R7 is {@link IdentifierGrammarTest}; R10, R12, R13 and R14 are the known-answer vectors.
 */
class ReaderRulesTest {
  private static final UserId ALICE = UserId.of("alice@example.org");
  private static final UserId BOB = UserId.of("bob@example.org");
  private static final PrivateKeys ALICE_KEYS =
      PrivateKeys.generate(new DeterministicRandom("reader rules alice"));
  private static final PrivateKeys BOB_KEYS =
      PrivateKeys.generate(new DeterministicRandom("reader rules bob"));
  private static final EnvelopeContext CONTEXT =
      EnvelopeContext.delivery(DeliveryId.of("delivery-1"), SecurityLevel.SECRET);

  private static byte[] envelope() {
    PublicKeys bob = PublicKeys.parse(PublicKeyBundle.encode(BOB, KeyVersion.FIRST, BOB_KEYS));
    return EnvelopeCodec.seal(ALICE_KEYS, ALICE, KeyVersion.FIRST, bob, CONTEXT, new byte[32],
        new DeterministicRandom("reader rules ephemeral"));
  }

  private static byte[] manifestPayload(long size, int recipients, int level) {
    ByteWriter out = new ByteWriter().u8(1).string("delivery-1").u8(level)
        .i64(1_700_000_000L).u32(0).i64(1_800_000_000L).u32(0).u32(recipients);
    for (int i = 0; i < Math.min(recipients, 1); i++) {
      out.string(BOB.value());
    }
    return out.u32(1).string("file-1").i64(size).i64(size + 65).bytes(new byte[32])
        .bytes(new byte[32]).bytes(new byte[32]).toByteArray();
  }

  private static byte[] membership(long sequence, int action, int role, int flags) {
    return new ByteWriter().u8(1).string("room-1").i64(sequence).bytes(new byte[32])
        .i64(1_700_000_000_000L).u8(action).string("alice@example.org").u8(role).u32(1)
        .u8(flags).toByteArray();
  }

  /** An envelope with its context bytes (purpose, level, epoch) replaced. */
  private static byte[] envelopeWithContext(int purpose, int level, long epoch) {
    return FormatPrefix.write(new ByteWriter(), FormatPrefix.Kind.ENVELOPE)
        .u8(purpose).string("delivery-1").u8(level).u32(epoch)
        .string("bob@example.org").u32(1).string("alice@example.org").u32(1)
        .bytes(new byte[32 + 48 + 64]).toByteArray();
  }

  @Test
  @DisplayName("R1: bytes after the last field of a format are damage")
  void trailingBytes_areDamage() {
    byte[] bundle = PublicKeyBundle.encode(ALICE, KeyVersion.FIRST, ALICE_KEYS);
    byte[] statement = SignedStatementCodec.sign(ALICE_KEYS, ALICE, KeyVersion.FIRST,
        SignedType.MEMBERSHIP_ENTRY, new byte[] {1, 2, 3});
    byte[] payload = EventPayload.builder().put("delivery", "delivery-1").build().encode();
    assertDamage(EnvelopeCodec::parse, envelope());
    assertDamage(PublicKeyBundle::decode, bundle);
    assertDamage(SignedStatementCodec::parse, statement);
    assertDamage(EventPayload::decode, payload);
    assertDamage(p -> ManifestCodec.decode(p, ALICE, KeyVersion.FIRST), manifestPayload(5, 1, 3));
    byte[] entry = membership(0, 1, 1, 0);
    assertThatCode(() -> MembershipCodec.decode(entry)).doesNotThrowAnyException();
    assertThatThrownBy(() -> MembershipCodec.decode(Arrays.copyOf(entry, entry.length + 1)))
        .isInstanceOf(MembershipLogException.class);
  }

  @Test
  @DisplayName("R2 and R5: fewer bytes than the common prefix or a field needs are damage;"
      + " an unknown version or suite is UnsupportedFormatException")
  void truncationAndPrefixes_areDamageOrUnsupported() {
    byte[] envelope = envelope();
    for (int length : new int[] {0, 3, 5, 6, 20, envelope.length - 1}) {
      assertThatThrownBy(() -> EnvelopeCodec.parse(Arrays.copyOf(envelope, length)))
          .as("cut to " + length).isInstanceOf(IntegrityException.class);
    }
    byte[] version = envelope.clone();
    version[3] = 9;
    assertThatThrownBy(() -> EnvelopeCodec.parse(version))
        .isInstanceOf(UnsupportedFormatException.class);
    byte[] kindAndVersion = version.clone();
    kindAndVersion[2] = 'S';
    assertThatThrownBy(() -> EnvelopeCodec.parse(kindAndVersion))
        .as("the kind is checked before the version").isInstanceOf(IntegrityException.class);
  }

  @Test
  @DisplayName("R3: a u64 at or above 2^63 is damage")
  void u64AtOrAbove2To63_isDamage() {
    assertThatCode(() -> ManifestCodec.decode(manifestPayload(Long.MAX_VALUE - 65, 1, 3), ALICE,
        KeyVersion.FIRST)).doesNotThrowAnyException();
    assertThatThrownBy(() -> ManifestCodec.decode(manifestPayload(Long.MIN_VALUE, 1, 3), ALICE,
        KeyVersion.FIRST)).isInstanceOf(IntegrityException.class);
    assertThatThrownBy(() -> MembershipCodec.decode(membership(Long.MIN_VALUE, 1, 1, 0)))
        .isInstanceOf(MembershipLogException.class);
  }

  @Test
  @DisplayName("R4: versions, epochs and counts at or above 2^31, key version 0, and counts"
      + " larger than the rest are damage")
  void countsVersionsAndEpochsOutOfRange_areDamage() {
    assertThatCode(() -> EnvelopeCodec.parse(envelopeWithContext(2, 0, Integer.MAX_VALUE)))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> EnvelopeCodec.parse(envelopeWithContext(2, 0, 1L << 31)))
        .isInstanceOf(IntegrityException.class);
    byte[] versionZero = FormatPrefix.write(new ByteWriter(), FormatPrefix.Kind.SIGNED).u8(1)
        .string("alice@example.org").u32(0).u32(0).bytes(new byte[64]).toByteArray();
    assertThatThrownBy(() -> SignedStatementCodec.parse(versionZero))
        .isInstanceOf(IntegrityException.class);
    assertThatThrownBy(() -> ManifestCodec.decode(manifestPayload(5, 1 << 20, 3), ALICE,
        KeyVersion.FIRST)).isInstanceOf(IntegrityException.class);
    assertThatThrownBy(() -> ManifestCodec.decode(manifestPayload(5, -1 >>> 1, 3), ALICE,
        KeyVersion.FIRST)).isInstanceOf(IntegrityException.class);
  }

  @Test
  @DisplayName("R6: unknown purposes, levels, actions, roles, flags and entry flags are damage")
  void unknownCodes_areDamage() {
    assertThatThrownBy(() -> EnvelopeCodec.parse(envelopeWithContext(3, 3, 0)))
        .isInstanceOf(IntegrityException.class);
    for (int level : new int[] {0, 5}) {
      assertThatThrownBy(() -> ManifestCodec.decode(manifestPayload(5, 1, level), ALICE,
          KeyVersion.FIRST)).isInstanceOf(IntegrityException.class);
    }
    assertThatThrownBy(() -> MembershipCodec.decode(membership(0, 6, 1, 0)))
        .isInstanceOf(MembershipLogException.class);
    assertThatThrownBy(() -> MembershipCodec.decode(membership(0, 1, 5, 0)))
        .isInstanceOf(MembershipLogException.class);
    assertThatThrownBy(() -> MembershipCodec.decode(membership(0, 1, 1, 4)))
        .isInstanceOf(MembershipLogException.class);
    byte[] payload = FormatPrefix.write(new ByteWriter(), FormatPrefix.Kind.EVENT_PAYLOAD)
        .u16(1).string("delivery").u8(2).string("delivery-1").toByteArray();
    assertThatThrownBy(() -> EventPayload.decode(payload)).isInstanceOf(IntegrityException.class);
  }

  @Test
  @DisplayName("R8: an envelope context whose level or epoch does not fit its purpose is damage")
  void levelsAndEpochsByPurpose_areChecked() {
    assertThatCode(() -> EnvelopeCodec.parse(envelopeWithContext(1, 4, 0)))
        .doesNotThrowAnyException();
    for (int[] bad : new int[][] {{1, 0, 0}, {1, 5, 0}, {1, 3, 1}, {2, 0, 0}, {2, 1, 1}}) {
      assertThatThrownBy(() -> EnvelopeCodec.parse(envelopeWithContext(bad[0], bad[1], bad[2])))
          .as(Arrays.toString(bad)).isInstanceOf(IntegrityException.class);
    }
  }

  @Test
  @DisplayName("R9: a signed payload above 16 MiB and a segment size outside 16 B to 8 MiB are"
      + " damage")
  void oversizedPayloadsAndSegments_areDamage() throws IOException {
    byte[] oversized = FormatPrefix.write(new ByteWriter(), FormatPrefix.Kind.SIGNED).u8(1)
        .string("alice@example.org").u32(1).u32((16 << 20) + 1).toByteArray();
    assertThatThrownBy(() -> SignedStatementCodec.parse(oversized))
        .isInstanceOf(IntegrityException.class).hasMessageContaining("too large");
    SymmetricKey key = SymmetricKey.generate(new DeterministicRandom("reader rules key"));
    ContentCipher cipher = ContentCipher.builder(key, fileContext()).segmentSize(16).build();
    byte[] stream = Streams.encrypt(cipher, new byte[40]);
    for (long size : new long[] {15, (8 << 20) + 1, 0xFFFF_FFFFL}) {
      byte[] resized = stream.clone();
      System.arraycopy(new ByteWriter().u32(size).toByteArray(), 0, resized, 6, 4);
      assertThatThrownBy(() -> Streams.decrypt(cipher, resized, 64)).as("segment size " + size)
          .isInstanceOf(IntegrityException.class);
    }
  }

  @Test
  @DisplayName("R11: ranges past the end are cut, an offset past the end is the caller's error,"
      + " an empty range releases nothing and still verifies its segment")
  void rangedReads_pastTheEndAndEmpty() throws IOException {
    SymmetricKey key = SymmetricKey.generate(new DeterministicRandom("reader rules range key"));
    ContentCipher cipher = ContentCipher.builder(key, fileContext()).segmentSize(16).build();
    byte[] plaintext = Streams.pattern(40);
    byte[] stream = Streams.encrypt(cipher, plaintext);

    assertThat(read(cipher, stream, 30, 1000)).isEqualTo(Arrays.copyOfRange(plaintext, 30, 40));
    assertThat(read(cipher, stream, 40, 10)).isEmpty();
    assertThat(read(cipher, stream, 17, 0)).isEmpty();
    assertThatThrownBy(() -> read(cipher, stream, 41, 1))
        .isInstanceOf(IllegalArgumentException.class);

    byte[] finalTampered = stream.clone();
    finalTampered[finalTampered.length - 1] ^= 1;
    assertThatThrownBy(() -> read(cipher, finalTampered, 40, 10))
        .as("an empty range at the end reads and verifies the final segment")
        .isInstanceOf(IntegrityException.class);
    byte[] middleTampered = stream.clone();
    middleTampered[49 + 32 + 5] ^= 1; // segment 1
    assertThatThrownBy(() -> read(cipher, middleTampered, 17, 0))
        .as("an empty range verifies the segment holding its offset")
        .isInstanceOf(IntegrityException.class);
    assertThat(read(cipher, middleTampered, 0, 16)).isEqualTo(Arrays.copyOf(plaintext, 16));

    byte[] impossible = Arrays.copyOf(stream, stream.length - 9); // final segment of 7 bytes
    assertThatThrownBy(() -> read(cipher, impossible, 0, 1))
        .isInstanceOf(IntegrityException.class);
  }

  // ----- helpers -----

  private static ContentContext fileContext() {
    return ContentContext.deliveryFile(DeliveryId.of("delivery-1"), FileId.of("file-1"),
        SecurityLevel.SECRET);
  }

  private static byte[] read(ContentCipher cipher, byte[] stream, long offset, long length)
      throws IOException {
    try (InputStream in = cipher.decryptRange(CiphertextSource.of(stream), offset, length)) {
      return in.readAllBytes();
    }
  }

  /** The encoding decodes as it is and is damage with one byte appended. */
  private static void assertDamage(Function<byte[], Object> decode, byte[] valid) {
    assertThatCode(() -> decode.apply(valid)).doesNotThrowAnyException();
    assertThatThrownBy(() -> decode.apply(Arrays.copyOf(valid, valid.length + 1)))
        .isInstanceOf(IntegrityException.class);
  }
}
