package dev.secupass.core.vectors;

import static dev.secupass.core.vectors.Vectors.bytes;
import static dev.secupass.core.vectors.Vectors.hex;
import static dev.secupass.core.vectors.Vectors.range;
import static dev.secupass.core.vectors.Vectors.string;
import static dev.secupass.core.vectors.Vectors.withByte;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.secupass.api.DeliveryId;
import dev.secupass.core.AtRestKey;
import dev.secupass.core.internal.crypto.PublicKeys;
import dev.secupass.core.internal.crypto.SignedType;
import dev.secupass.core.internal.delivery.Withdrawal;
import dev.secupass.core.internal.format.ByteWriter;
import dev.secupass.core.internal.format.SignedStatementCodec;
import dev.secupass.core.testing.RecordedOutcomes;
import dev.secupass.core.vectors.Vectors.User;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * {@code vectors/withdrawal.json}: the withdrawal statement ({@code docs/format.md}, "Withdrawal
 * statement"), signed by the sender at levels 3-4 and host-sealed at levels 1-2, valid and altered.
 * The generator (disabled unless {@code -Dsecupass.vectors.generate=true}) writes the file from
 * fixed keys; the checker opens every vector as a reader does, and re-signs or re-seals the valid
 * ones to the same bytes.
 */
class WithdrawalVectorsTest {
  static final String FILE = "withdrawal.json";
  private static final DeliveryId DELIVERY = DeliveryId.of("9c1b7e2d4f6a8b0c1d3e5f7a9b2c4d6e");
  private static final DeliveryId OTHER = DeliveryId.of("0a1b2c3d4e5f60718293a4b5c6d7e8f9");
  private static final Instant AT = Instant.ofEpochMilli(1_796_000_000_250L);
  /** The host's at-rest key of the vectors: AES-256-GCM, key bytes 0x40-0x5f. */
  private static final byte[] AT_REST_KEY = range(0x40, 32);
  /** The nonce the generator's at-rest key uses (a real key draws a random one). */
  private static final byte[] NONCE = range(0xa0, 12);

  @Test
  @EnabledIfSystemProperty(named = "secupass.vectors.generate", matches = "true")
  void generate() throws IOException {
    User alice = User.make("alice", 1);
    User mallory = User.make("mallory", 1);
    JsonArray vectors = new JsonArray();
    byte[] payload = new Withdrawal(DELIVERY, AT).encode();
    byte[] signed = sign(alice, SignedType.WITHDRAWAL, payload);
    vectors.add(signedVector("alice withdraws her delivery", signed, DELIVERY, "alice",
        payload, Vectors.VALID));
    vectors.add(signedVector("signed by mallory, a co-recipient", sign(mallory,
        SignedType.WITHDRAWAL, payload), DELIVERY, "alice", null, "InvalidSignatureException"));
    byte[] flipped = signed.clone();
    flipped[flipped.length - 1] ^= 1;
    vectors.add(signedVector("signature flipped", flipped, DELIVERY, "alice", null,
        "InvalidSignatureException"));
    vectors.add(signedVector("a withdrawal of another delivery", sign(alice, SignedType.WITHDRAWAL,
        new Withdrawal(OTHER, AT).encode()), DELIVERY, "alice", null, "IntegrityException"));
    vectors.add(signedVector("a manifest-typed statement with the same payload", sign(alice,
        SignedType.DELIVERY_MANIFEST, payload), DELIVERY, "alice", null, "IntegrityException"));
    vectors.add(signedVector("payload version 2", sign(alice, SignedType.WITHDRAWAL,
        withByte(payload, 0, 2)), DELIVERY, "alice", null, "UnsupportedFormatException"));
    vectors.add(signedVector("trailing byte in the payload", sign(alice, SignedType.WITHDRAWAL,
        Arrays.copyOf(payload, payload.length + 1)), DELIVERY, "alice", null,
        "IntegrityException"));
    vectors.add(signedVector("payload cut in the time", sign(alice, SignedType.WITHDRAWAL,
        Arrays.copyOf(payload, payload.length - 1)), DELIVERY, "alice", null,
        "IntegrityException"));
    vectors.add(signedVector("delivery id outside the grammar", sign(alice, SignedType.WITHDRAWAL,
        new ByteWriter().u8(1).string("../" + DELIVERY.value()).i64(AT.toEpochMilli())
            .toByteArray()), DELIVERY, "alice", null, "IntegrityException"));
    vectors.add(signedVector("statement truncated", Arrays.copyOf(signed, signed.length - 1),
        DELIVERY, "alice", null, "IntegrityException"));

    AtRestKey key = new FixedNonceKey();
    byte[] sealed = new Withdrawal(DELIVERY, AT).seal(key);
    vectors.add(sealedVector("host-sealed withdrawal (levels 1-2)", sealed, DELIVERY, payload,
        Vectors.VALID));
    vectors.add(sealedVector("host-sealed withdrawal moved to another delivery", sealed, OTHER,
        null, "IntegrityException"));
    vectors.add(sealedVector("host-sealed withdrawal, tag flipped", withByte(sealed,
        sealed.length - 1, sealed[sealed.length - 1] ^ 1), DELIVERY, null, "IntegrityException"));
    vectors.add(sealedVector("host-sealed withdrawal, unknown version 2", withByte(sealed, 3, 2),
        DELIVERY, null, "UnsupportedFormatException"));
    vectors.add(sealedVector("host-sealed withdrawal, kind byte of a host manifest",
        withByte(sealed, 2, 'H'), DELIVERY, null, "IntegrityException"));

    JsonObject file = new JsonObject();
    file.addProperty("description", "SecuPass withdrawal statement (docs/format.md, Withdrawal"
        + " statement). kind \"signed\": a signed statement of type 4 that the reader checks for"
        + " the delivery \"delivery\" sent by \"sender\", with that user's keys; kind \"sealed\":"
        + " a host-sealed withdrawal opened with \"atRestKey\" (AES-256-GCM, Tink RAW layout:"
        + " 12-byte nonce, ciphertext, tag) for \"delivery\". Valid vectors give the payload and"
        + " re-sign or (with the nonce given) re-seal to the same bytes.");
    file.addProperty("atRestKey", hex(AT_REST_KEY));
    file.addProperty("atRestNonce", hex(NONCE));
    JsonObject users = new JsonObject();
    users.add("alice", alice.toJson());
    users.add("mallory", mallory.toJson());
    file.add("users", users);
    file.add("vectors", vectors);
    Vectors.write(FILE, file);
  }

  @TestFactory
  Stream<DynamicTest> withdrawal() throws IOException {
    JsonObject file = Vectors.load(FILE);
    Function<String, User> users = Vectors.users(file);
    assertThat(bytes(file, "atRestKey")).isEqualTo(AT_REST_KEY);
    List<JsonObject> vectors = new ArrayList<>();
    Vectors.vectors(file).forEach(vectors::add);
    return RecordedOutcomes.tests(vectors, 15, 13, v -> open(users, v), (v, opened) -> {
      DeliveryId delivery = DeliveryId.of(string(v, "delivery"));
      byte[] payload = bytes(v, "payload");
      assertThat(opened.encode()).isEqualTo(payload);
      assertThat(opened.delivery()).isEqualTo(delivery);
      assertThat(opened.withdrawnAt().toEpochMilli()).isEqualTo(
          v.get("withdrawnAt").getAsLong());
      byte[] again = signed(v) ? sign(users.apply(string(v, "sender")), SignedType.WITHDRAWAL,
          payload) : opened.seal(new FixedNonceKey());
      assertThat(again).isEqualTo(bytes(v, "withdrawal"));
    });
  }

  /** The withdrawal, checked by the sender's signature or opened with the host's key. */
  private static Withdrawal open(Function<String, User> users, JsonObject v) {
    DeliveryId delivery = DeliveryId.of(string(v, "delivery"));
    byte[] stored = bytes(v, "withdrawal");
    if (!signed(v)) {
      return Withdrawal.open(new FixedNonceKey(), stored, delivery);
    }
    User sender = users.apply(string(v, "sender"));
    return Withdrawal.verify(Withdrawal.signedBy(stored, sender.id()), delivery,
        PublicKeys.parse(sender.bundle()));
  }

  private static boolean signed(JsonObject v) {
    return string(v, "kind").equals("signed");
  }

  private static byte[] sign(User user, SignedType type, byte[] payload) {
    return SignedStatementCodec.sign(user.keys(), user.id(), user.version(), type, payload);
  }

  private static JsonObject signedVector(String name, byte[] statement, DeliveryId delivery,
      String sender, byte[] payload, String result) {
    JsonObject v = vector(name, "signed", statement, delivery, payload, result);
    v.addProperty("sender", sender);
    return v;
  }

  private static JsonObject sealedVector(String name, byte[] sealed, DeliveryId delivery,
      byte[] payload, String result) {
    return vector(name, "sealed", sealed, delivery, payload, result);
  }

  private static JsonObject vector(String name, String kind, byte[] stored, DeliveryId delivery,
      byte[] payload, String result) {
    JsonObject v = new JsonObject();
    v.addProperty("name", name);
    v.addProperty("kind", kind);
    v.addProperty("delivery", delivery.value());
    v.addProperty("withdrawal", hex(stored));
    if (payload != null) {
      v.addProperty("payload", hex(payload));
      v.addProperty("withdrawnAt", AT.toEpochMilli());
    }
    v.addProperty("result", result);
    return v;
  }

  /**
   * The vectors' at-rest key: AES-256-GCM in Tink's RAW layout ({@code nonce || ciphertext ||
   * tag}), sealing with the fixed nonce so that the vectors re-seal to the same bytes.
   */
  private static final class FixedNonceKey implements AtRestKey {
    @Override
    public byte[] encrypt(byte[] plaintext, byte[] associatedData) {
      byte[] sealed = gcm(Cipher.ENCRYPT_MODE, NONCE, plaintext, 0, plaintext.length,
          associatedData);
      byte[] out = Arrays.copyOf(NONCE, NONCE.length + sealed.length);
      System.arraycopy(sealed, 0, out, NONCE.length, sealed.length);
      return out;
    }

    @Override
    public byte[] decrypt(byte[] ciphertext, byte[] associatedData) {
      if (ciphertext.length < 28) {
        throw new dev.secupass.api.IntegrityException("at-rest ciphertext too short");
      }
      return gcm(Cipher.DECRYPT_MODE, Arrays.copyOf(ciphertext, 12), ciphertext, 12,
          ciphertext.length - 12, associatedData);
    }

    private static byte[] gcm(int mode, byte[] nonce, byte[] input, int offset, int length,
        byte[] associatedData) {
      try {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(AT_REST_KEY, "AES"),
            new GCMParameterSpec(128, nonce));
        cipher.updateAAD(associatedData);
        return cipher.doFinal(input, offset, length);
      } catch (javax.crypto.AEADBadTagException e) {
        throw new dev.secupass.api.IntegrityException("at-rest ciphertext does not open");
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
