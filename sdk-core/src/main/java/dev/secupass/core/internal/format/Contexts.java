package dev.secupass.core.internal.format;

import dev.secupass.core.internal.crypto.ContentContext;
import dev.secupass.core.internal.crypto.EnvelopeContext;

/** The binary encodings of the context records ({@code docs/format.md}, "Contexts"). */
public final class Contexts {
  private Contexts() {}

  /** {@code u8 purpose || str scope || str item || u8 level || u32 epoch}. */
  public static byte[] encode(ContentContext context) {
    return new ByteWriter(64)
        .u8(context.purpose().code())
        .string(context.scope())
        .string(context.item())
        .u8(context.level())
        .u32(context.epoch())
        .toByteArray();
  }

  /** {@code u8 purpose || str scope || u8 level || u32 epoch}. */
  public static void write(ByteWriter out, EnvelopeContext context) {
    out.u8(context.purpose().code())
        .string(context.scope())
        .u8(context.level())
        .u32(context.epoch());
  }

  /** Reads what {@link #write(ByteWriter, EnvelopeContext)} wrote. */
  public static EnvelopeContext readEnvelope(ByteReader in) {
    int code = in.u8();
    String scope = in.string("envelope scope");
    int level = in.u8();
    int epoch = in.u32AsInt("envelope epoch");
    for (EnvelopeContext.Purpose purpose : EnvelopeContext.Purpose.values()) {
      if (purpose.code() == code) {
        try {
          return new EnvelopeContext(purpose, scope, level, epoch);
        } catch (IllegalArgumentException e) {
          throw in.malformed("envelope context is inconsistent: " + e.getMessage());
        }
      }
    }
    throw in.malformed("unknown envelope purpose " + code);
  }
}
