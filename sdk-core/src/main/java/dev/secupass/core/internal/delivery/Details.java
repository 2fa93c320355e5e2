package dev.secupass.core.internal.delivery;

import dev.secupass.api.IntegrityException;
import dev.secupass.core.internal.format.ByteReader;
import dev.secupass.core.internal.format.ByteWriter;
import dev.secupass.core.internal.format.FormatPrefix;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A delivery's subject and message as stored in {@link dev.secupass.spi.DeliveryRecord#details()}
 * ({@code docs/deliveries.md}, "Details"): the common prefix of kind {@code 'D'}, the subject as a
 * string, then the message as {@code u32} length and UTF-8. At level 4 these bytes are sealed in the
 * content format before they are stored.
 *
 * @param subject the subject
 * @param message the message
 */
record Details(String subject, String message) {

  byte[] encode() {
    byte[] body = message.getBytes(StandardCharsets.UTF_8);
    return FormatPrefix.write(new ByteWriter(64 + body.length), FormatPrefix.Kind.DETAILS)
        .string(subject).u32(body.length).bytes(body).toByteArray();
  }

  /**
   * @throws IntegrityException if the bytes are not details
   * @throws dev.secupass.api.UnsupportedFormatException for an unknown version
   */
  static Details decode(byte[] encoded) {
    ByteReader in = new ByteReader(encoded, IntegrityException::new);
    FormatPrefix.read(in, FormatPrefix.Kind.DETAILS);
    String subject = in.string("subject");
    byte[] body = in.bytes(in.u32AsInt("message length"), "message");
    in.end("details");
    try {
      return new Details(subject, StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body)).toString());
    } catch (CharacterCodingException e) {
      throw new IntegrityException("the message is not valid UTF-8");
    }
  }
}
