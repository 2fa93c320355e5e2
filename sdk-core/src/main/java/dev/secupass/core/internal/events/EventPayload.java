package dev.secupass.core.internal.events;

import dev.secupass.api.IntegrityException;
import dev.secupass.core.internal.format.ByteReader;
import dev.secupass.core.internal.format.ByteWriter;
import dev.secupass.core.internal.format.FormatPrefix;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The details of an event as stored in {@link dev.secupass.spi.Event#payload()}: named clear
 * values, and named secrets sealed under the host's at-rest key ({@link EventSecrets}). Format
 * ({@code docs/deliveries.md}, "Event payload"): the common prefix of kind {@code 'V'}, a {@code
 * u16} count, then per entry its name, a {@code u8} flag (0 clear, 1 sealed) and the value (a
 * string, or {@code u16} length and bytes).
 */
public final class EventPayload {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z_]{0,31}");
  private static final int CLEAR = 0;
  private static final int SEALED = 1;

  private final Map<String, String> clear;
  private final Map<String, byte[]> sealed;

  private EventPayload(Map<String, String> clear, Map<String, byte[]> sealed) {
    this.clear = Collections.unmodifiableMap(clear);
    this.sealed = Collections.unmodifiableMap(sealed);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Collects the entries of a payload. */
  public static final class Builder {
    private final Map<String, String> clear = new LinkedHashMap<>();
    private final Map<String, byte[]> sealed = new LinkedHashMap<>();

    private Builder() {}

    /** A value the host may read in the clear (an identifier, a level, a subject at 1-3). */
    public Builder put(String name, String value) {
      clear.put(checkName(name), Objects.requireNonNull(value, name));
      return this;
    }

    /** A secret already sealed with {@link EventSecrets#seal}. */
    public Builder sealed(String name, byte[] value) {
      sealed.put(checkName(name), value.clone());
      return this;
    }

    public EventPayload build() {
      return new EventPayload(new LinkedHashMap<>(clear), new LinkedHashMap<>(sealed));
    }
  }

  /** The clear values by name. */
  public Map<String, String> clear() {
    return clear;
  }

  /** A clear value. */
  public Optional<String> get(String name) {
    return Optional.ofNullable(clear.get(name));
  }

  /** A sealed secret, still sealed. */
  public Optional<byte[]> sealed(String name) {
    return Optional.ofNullable(sealed.get(name)).map(byte[]::clone);
  }

  public byte[] encode() {
    ByteWriter out = FormatPrefix.write(new ByteWriter(), FormatPrefix.Kind.EVENT_PAYLOAD);
    out.u16(clear.size() + sealed.size());
    clear.forEach((name, value) -> out.string(name).u8(CLEAR).string(value));
    sealed.forEach((name, value) -> out.string(name).u8(SEALED).u16(value.length).bytes(value));
    return out.toByteArray();
  }

  /**
   * Decodes a stored payload.
   *
   * @throws IntegrityException if it is malformed
   * @throws dev.secupass.api.UnsupportedFormatException for an unknown version
   */
  public static EventPayload decode(byte[] encoded) {
    ByteReader in = new ByteReader(encoded, IntegrityException::new);
    FormatPrefix.read(in, FormatPrefix.Kind.EVENT_PAYLOAD);
    int count = in.u16();
    Builder builder = builder();
    for (int i = 0; i < count; i++) {
      String name = in.string("entry name");
      if (!NAME.matcher(name).matches()) {
        throw new IntegrityException("event payload has an invalid entry name");
      }
      int flag = in.u8();
      if (flag == CLEAR) {
        builder.put(name, in.string("entry value"));
      } else if (flag == SEALED) {
        builder.sealed(name, in.bytes(in.u16(), "sealed entry"));
      } else {
        throw new IntegrityException("event payload has an unknown entry flag " + flag);
      }
    }
    in.end("event payload");
    return builder.build();
  }

  private static String checkName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("entry name must match " + NAME.pattern());
    }
    return name;
  }

  @Override
  public String toString() {
    return "EventPayload" + clear.keySet() + sealed.keySet();
  }
}
