package dev.secupass.core.internal.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.IntegrityException;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.MembershipLogException;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.crypto.ContentContext;
import dev.secupass.core.internal.crypto.EnvelopeContext;
import dev.secupass.core.internal.keys.PrivateKeys;
import dev.secupass.core.internal.keys.PublicKeyBundle;
import dev.secupass.core.internal.rooms.MembershipCodec;
import dev.secupass.core.testing.DeterministicRandom;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * One identifier grammar everywhere ({@code docs/format.md}, "Identifiers"): every codec that reads
 * an identifier is fed valid ones, which it accepts, and each kind of invalid one, which it reports
 * with the format's integrity exception. The writers' side (the context records) refuses the same
 * values with {@link IllegalArgumentException}.
 */
class IdentifierGrammarTest {
  private static final HexFormat HEX = HexFormat.of();

  /** Generated ids (delivery, file, room, entry, blob): the grammar's edge cases. */
  private static final List<String> VALID_TOKENS = List.of("delivery-1", "A", "9", "a.b_c-D",
      "x".repeat(64), HEX.formatHex(new byte[16]));
  /** Encoded as raw {@code str} bytes, so malformed UTF-8 can be fed too. */
  private static final List<byte[]> INVALID_TOKENS = List.of(utf8(""), utf8("a..b"), utf8("-a"),
      utf8(".a"), utf8("_a"), utf8("a b"), utf8("a/b"), utf8("a\\b"), utf8("a:b"),
      utf8("d\u00e9livery"), utf8("x".repeat(65)), utf8("a\u0000"), utf8("a\n"),
      HEX.parseHex("61ff"));

  private static final List<String> VALID_USERS = List.of("alice@example.org", "a",
      "J\u00fcrg M\u00fcller", "\uD83D\uDE00".repeat(100), "x".repeat(200), "alice\u00a0",
      "\u00a0alice", "a b");
  private static final List<byte[]> INVALID_USERS = List.of(utf8(""), utf8(" alice"),
      utf8("alice "), utf8("\talice"), utf8("alice\u3000"), utf8("\u2028alice"),
      utf8("al\u0000ice"), utf8("al\u007fice"), utf8("al\u0085ice"), utf8("al\u009fice"),
      utf8("x".repeat(201)), utf8("\uD83D\uDE00".repeat(100) + "x"),
      HEX.parseHex("c328"), // malformed UTF-8
      HEX.parseHex("eda080"), // a surrogate encoded in UTF-8 (CESU-8), not valid UTF-8
      HEX.parseHex("c0ae")); // an overlong encoding of '.'

  @Test
  @DisplayName("A content stream's context takes only ids of the grammar, so non-ASCII scopes are"
      + " refused as in manifests")
  void contentContext_refusesIdsOutsideTheGrammar() {
    for (String valid : VALID_TOKENS) {
      assertThatCode(() -> new ContentContext(ContentContext.Purpose.DELIVERY_FILE, valid, valid,
          3, 0)).doesNotThrowAnyException();
      assertThatCode(() -> new ContentContext(ContentContext.Purpose.ROOM_ENTRY_NAME, valid,
          valid, 0, 1)).doesNotThrowAnyException();
    }
    for (String invalid : strings(INVALID_TOKENS)) {
      assertThatThrownBy(() -> new ContentContext(ContentContext.Purpose.DELIVERY_FILE, invalid,
          "file-1", 3, 0)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new ContentContext(ContentContext.Purpose.DELIVERY_FILE,
          "delivery-1", invalid, 3, 0)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new ContentContext(ContentContext.Purpose.ROOM_NAME, invalid, "",
          0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  @DisplayName("An envelope whose context names an id outside the grammar is damage, not a context")
  void envelope_scopeOutsideTheGrammar_throwsIntegrityException() {
    for (String valid : VALID_TOKENS) {
      EnvelopeCodec.Parsed parsed = EnvelopeCodec.parse(envelope(utf8(valid), utf8("bob"),
          utf8("alice")));
      assertThat(parsed.context()).isEqualTo(new EnvelopeContext(
          EnvelopeContext.Purpose.DELIVERY_KEY, valid, 3, 0));
    }
    for (byte[] invalid : INVALID_TOKENS) {
      assertThatThrownBy(() -> EnvelopeCodec.parse(envelope(invalid, utf8("bob"), utf8("alice"))))
          .as(HEX.formatHex(invalid)).isInstanceOf(IntegrityException.class);
    }
    for (String invalid : strings(INVALID_TOKENS)) {
      assertThatThrownBy(() -> new EnvelopeContext(EnvelopeContext.Purpose.ROOM_EPOCH_KEY,
          invalid, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  @DisplayName("An envelope's recipient and granter are user ids of the grammar")
  void envelope_usersOutsideTheGrammar_throwIntegrityException() {
    check(user -> envelope(utf8("delivery-1"), user, utf8("alice")), EnvelopeCodec::parse,
        IntegrityException.class);
    check(user -> envelope(utf8("delivery-1"), utf8("bob"), user), EnvelopeCodec::parse,
        IntegrityException.class);
  }

  @Test
  @DisplayName("A signed statement's signer is a user id of the grammar")
  void signedStatement_signerOutsideTheGrammar_throwsIntegrityException() {
    check(user -> FormatPrefix.write(new ByteWriter(), FormatPrefix.Kind.SIGNED)
            .u8(1).u16(user.length).bytes(user).u32(1).u32(0).bytes(new byte[64]).toByteArray(),
        SignedStatementCodec::parse, IntegrityException.class);
  }

  @Test
  @DisplayName("A public-key bundle's user is a user id of the grammar")
  void publicKeyBundle_userOutsideTheGrammar_throwsIntegrityException() {
    PrivateKeys keys = PrivateKeys.generate(new DeterministicRandom("identifier grammar"));
    check(user -> {
      ByteWriter out = FormatPrefix.write(new ByteWriter(), FormatPrefix.Kind.PUBLIC_KEYS)
          .u16(user.length).bytes(user).u32(1)
          .bytes(keys.encryptionPublic()).bytes(keys.signingPublic());
      return out.bytes(keys.sign(out.toByteArray())).toByteArray();
    }, PublicKeyBundle::decode, IntegrityException.class);
  }

  @Test
  @DisplayName("A delivery manifest's delivery id, recipients and file ids follow the grammar")
  void manifest_idsOutsideTheGrammar_throwIntegrityException() {
    Function<byte[], Object> decode = payload -> ManifestCodec.decode(payload,
        UserId.of("alice"), KeyVersion.FIRST);
    checkToken(id -> manifest(id, utf8("bob"), utf8("file-1")), decode, IntegrityException.class);
    checkToken(id -> manifest(utf8("delivery-1"), utf8("bob"), id), decode,
        IntegrityException.class);
    check(user -> manifest(utf8("delivery-1"), user, utf8("file-1")), decode,
        IntegrityException.class);
  }

  @Test
  @DisplayName("A version-2 manifest's delivery id, sender, recipients and file ids follow the"
      + " grammar")
  void manifestV2_idsOutsideTheGrammar_throwIntegrityException() {
    Function<byte[], Object> decode = payload -> ManifestCodec.decode(payload,
        UserId.of("alice"), KeyVersion.FIRST);
    checkToken(id -> manifestV2(id, utf8("alice"), utf8("bob"), utf8("file-1")), decode,
        IntegrityException.class);
    checkToken(id -> manifestV2(utf8("delivery-1"), utf8("alice"), utf8("bob"), id), decode,
        IntegrityException.class);
    check(user -> manifestV2(utf8("delivery-1"), utf8("alice"), user, utf8("file-1")), decode,
        IntegrityException.class);
    check(user -> manifestV2(utf8("delivery-1"), user, utf8("bob"), utf8("file-1")),
        payload -> {
          // The sender must also be the signer: decode as signed by the id itself when valid.
          String sender = new String(java.util.Arrays.copyOfRange(payload, 16,
              16 + ((payload[14] & 0xFF) << 8 | payload[15] & 0xFF)), StandardCharsets.UTF_8);
          UserId signer;
          try {
            signer = UserId.of(sender);
          } catch (IllegalArgumentException e) {
            signer = UserId.of("alice");
          }
          return ManifestCodec.decode(payload, signer, KeyVersion.FIRST);
        }, IntegrityException.class);
  }

  @Test
  @DisplayName("A membership-log entry's room and subject follow the grammar")
  void membershipEntry_idsOutsideTheGrammar_throwMembershipLogException() {
    checkToken(room -> membership(room, utf8("alice")), MembershipCodec::decode,
        MembershipLogException.class);
    check(subject -> membership(utf8("room-1"), subject), MembershipCodec::decode,
        MembershipLogException.class);
  }

  // ----- encodings written from docs/format.md, with raw id bytes -----

  private static byte[] envelope(byte[] scope, byte[] recipient, byte[] granter) {
    return FormatPrefix.write(new ByteWriter(), FormatPrefix.Kind.ENVELOPE)
        .u8(1).u16(scope.length).bytes(scope).u8(3).u32(0)
        .u16(recipient.length).bytes(recipient).u32(1)
        .u16(granter.length).bytes(granter).u32(1)
        .bytes(new byte[32 + 48 + 64])
        .toByteArray();
  }

  private static byte[] manifest(byte[] delivery, byte[] recipient, byte[] file) {
    return new ByteWriter()
        .u8(1).u16(delivery.length).bytes(delivery).u8(3)
        .i64(1_700_000_000L).u32(0).i64(1_800_000_000L).u32(0)
        .u32(1).u16(recipient.length).bytes(recipient)
        .u32(1).u16(file.length).bytes(file).u64(5).u64(49 + 5 + 16).bytes(new byte[32])
        .bytes(new byte[32]).bytes(new byte[32])
        .toByteArray();
  }

  private static byte[] manifestV2(byte[] delivery, byte[] sender, byte[] recipient,
      byte[] file) {
    return new ByteWriter()
        .u8(2).u16(delivery.length).bytes(delivery).u8(3).u16(sender.length).bytes(sender)
        .i64(1_700_000_000_000L).i64(1_800_000_000_000L)
        .u32(1).u16(recipient.length).bytes(recipient)
        .u32(1).u16(file.length).bytes(file).bytes(new byte[32]).u64(5).u64(49 + 5 + 48)
        .bytes(new byte[32]).bytes(new byte[32]).bytes(new byte[32])
        .toByteArray();
  }

  private static byte[] membership(byte[] room, byte[] subject) {
    return new ByteWriter()
        .u8(1).u16(room.length).bytes(room).u64(0).bytes(new byte[32]).i64(1_700_000_000_000L)
        .u8(1).u16(subject.length).bytes(subject).u8(1).u32(1).u8(0)
        .toByteArray();
  }

  // ----- helpers -----

  /** Valid user ids decode; every invalid one raises {@code failure}. */
  private static void check(Function<byte[], byte[]> encode, Function<byte[], Object> decode,
      Class<? extends RuntimeException> failure) {
    check(VALID_USERS, INVALID_USERS, encode, decode, failure);
  }

  /** Valid generated ids decode; every invalid one raises {@code failure}. */
  private static void checkToken(Function<byte[], byte[]> encode,
      Function<byte[], Object> decode, Class<? extends RuntimeException> failure) {
    check(VALID_TOKENS, INVALID_TOKENS, encode, decode, failure);
  }

  private static void check(List<String> valid, List<byte[]> invalid,
      Function<byte[], byte[]> encode, Function<byte[], Object> decode,
      Class<? extends RuntimeException> failure) {
    for (String id : valid) {
      assertThatCode(() -> decode.apply(encode.apply(utf8(id)))).as(id)
          .doesNotThrowAnyException();
    }
    for (byte[] id : invalid) {
      assertThatThrownBy(() -> decode.apply(encode.apply(id))).as(HEX.formatHex(id))
          .isInstanceOf(failure);
    }
  }

  private static byte[] utf8(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  /** The invalid ids that are Java strings (the malformed UTF-8 ones cannot be). */
  private static List<String> strings(List<byte[]> encoded) {
    return encoded.stream()
        .filter(bytes -> StandardCharsets.UTF_8.newDecoder().decode(
            java.nio.ByteBuffer.wrap(bytes), java.nio.CharBuffer.allocate(bytes.length),
            true).isUnderflow())
        .map(bytes -> new String(bytes, StandardCharsets.UTF_8))
        .toList();
  }
}
