package dev.secupass.core.internal.delivery;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.InvalidSignatureException;
import dev.secupass.api.UnsupportedFormatException;
import dev.secupass.api.UserId;
import dev.secupass.core.AtRestKey;
import dev.secupass.core.internal.crypto.Labels;
import dev.secupass.core.internal.crypto.PublicKeys;
import dev.secupass.core.internal.crypto.SignedStatement;
import dev.secupass.core.internal.crypto.SignedType;
import dev.secupass.core.internal.format.ByteReader;
import dev.secupass.core.internal.format.ByteWriter;
import dev.secupass.core.internal.format.FormatPrefix;
import dev.secupass.core.internal.keys.KeySession;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * That the sender withdrew a delivery, and when ({@code docs/format.md}, "Withdrawal statement"):
 * stored in {@link dev.secupass.spi.DeliveryRecord#withdrawal()}, signed by the sender at levels
 * 3-4 (a {@link SignedStatement} of type {@link SignedType#WITHDRAWAL}) and sealed under the host's
 * at-rest key at levels 1-2. A reader who finds one that verifies refuses the delivery as
 * withdrawn whatever its stored state says; a delivery stored as withdrawn without one that
 * verifies is damage, since nothing proves that its sender withdrew it.
 *
 * @param delivery the delivery withdrawn
 * @param withdrawnAt when, in whole milliseconds
 */
public record Withdrawal(DeliveryId delivery, Instant withdrawnAt) {
  /** The payload version this SDK writes and reads. */
  public static final int PAYLOAD_VERSION = 1;
  private static final byte[] HOST_LABEL = Labels.of(Labels.HOST_WITHDRAWAL);

  public Withdrawal {
    Objects.requireNonNull(delivery, "delivery");
    Objects.requireNonNull(withdrawnAt, "withdrawnAt");
    if (!Instant.ofEpochMilli(withdrawnAt.toEpochMilli()).equals(withdrawnAt)) {
      throw new IllegalArgumentException("a withdrawal stores whole milliseconds");
    }
  }

  /** The payload: {@code u8 0x01 || str delivery id || i64 withdrawn at (ms)}. */
  public byte[] encode() {
    return new ByteWriter(80).u8(PAYLOAD_VERSION).string(delivery.value())
        .i64(withdrawnAt.toEpochMilli()).toByteArray();
  }

  /**
   * Reads a payload.
   *
   * @throws UnsupportedFormatException for an unknown payload version
   * @throws IntegrityException if it is malformed, has trailing bytes or an id outside the grammar
   */
  public static Withdrawal decode(byte[] payload) {
    ByteReader in = new ByteReader(payload, IntegrityException::new);
    int version = in.u8();
    if (version != PAYLOAD_VERSION) {
      throw new UnsupportedFormatException("unsupported withdrawal version " + version
          + " (this SDK reads 1)");
    }
    String id = in.string("delivery id");
    long millis = in.i64();
    in.end("withdrawal");
    try {
      return new Withdrawal(DeliveryId.of(id), Instant.ofEpochMilli(millis));
    } catch (IllegalArgumentException e) {
      throw new IntegrityException("the withdrawal names a delivery id outside the grammar");
    }
  }

  /** The statement, signed with the sender's session (levels 3-4). */
  public byte[] sign(KeySession sender) {
    return sender.sign(SignedType.WITHDRAWAL, encode());
  }

  /**
   * Parses a signed withdrawal and checks that {@code sender} claims to have signed it, before
   * anyone looks up the signer's keys.
   *
   * @throws InvalidSignatureException if someone else claims to have signed it
   * @throws IntegrityException if it is not a signed statement
   */
  public static SignedStatement signedBy(byte[] statement, UserId sender) {
    SignedStatement parsed = SignedStatement.parse(statement);
    if (!parsed.signer().equals(sender)) {
      throw new InvalidSignatureException("the withdrawal of this delivery is not signed by its"
          + " sender " + sender);
    }
    return parsed;
  }

  /**
   * The withdrawal {@code statement} holds, after checking that it is one, signed with {@code
   * senderKeys} (the keys the reader trusts for the claimed signer and version), naming {@code
   * delivery}.
   *
   * @throws InvalidSignatureException if the keys are not the claimed signer's or the signature
   *     does not verify
   * @throws IntegrityException if it is not a withdrawal or names another delivery
   */
  public static Withdrawal verify(SignedStatement statement, DeliveryId delivery,
      PublicKeys senderKeys) {
    return named(decode(statement.verifiedPayload(senderKeys, SignedType.WITHDRAWAL)), delivery);
  }

  /**
   * Seals it under the host's at-rest key (levels 1-2): {@code 53 50 57 01 00 01} and the
   * ciphertext of the payload, with associated data {@code "SecuPass host withdrawal v1"\0 ||
   * prefix || str delivery id}.
   */
  public byte[] seal(AtRestKey key) {
    byte[] prefix = prefix();
    byte[] sealed = key.encrypt(encode(), associatedData(prefix, delivery));
    return new ByteWriter(prefix.length + sealed.length).bytes(prefix).bytes(sealed)
        .toByteArray();
  }

  /**
   * Opens a host-sealed withdrawal of {@code delivery}.
   *
   * @throws IntegrityException if it does not open under {@code key} with this delivery's
   *     associated data, is malformed or names another delivery
   * @throws UnsupportedFormatException for an unknown version or suite
   */
  public static Withdrawal open(AtRestKey key, byte[] stored, DeliveryId delivery) {
    ByteReader in = new ByteReader(stored, IntegrityException::new);
    FormatPrefix.read(in, FormatPrefix.Kind.HOST_WITHDRAWAL);
    byte[] prefix = Arrays.copyOf(stored, FormatPrefix.LENGTH);
    byte[] payload = key.decrypt(in.bytes(in.remaining(), "sealed withdrawal"),
        associatedData(prefix, delivery));
    return named(decode(payload), delivery);
  }

  private static Withdrawal named(Withdrawal withdrawal, DeliveryId delivery) {
    if (!withdrawal.delivery().equals(delivery)) {
      throw new IntegrityException("the withdrawal stored with delivery " + delivery
          + " is one of another delivery");
    }
    return withdrawal;
  }

  private static byte[] prefix() {
    return FormatPrefix.write(new ByteWriter(FormatPrefix.LENGTH),
        FormatPrefix.Kind.HOST_WITHDRAWAL).toByteArray();
  }

  private static byte[] associatedData(byte[] prefix, DeliveryId delivery) {
    return new ByteWriter().bytes(HOST_LABEL).bytes(prefix).string(delivery.value())
        .toByteArray();
  }
}
