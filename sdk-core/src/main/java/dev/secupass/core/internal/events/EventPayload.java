package dev.secupass.core.internal.events;

import dev.secupass.api.IntegrityException;
import dev.secupass.api.Person;
import dev.secupass.api.PrincipalKind;
import dev.secupass.api.UserId;
import dev.secupass.core.internal.format.ByteReader;
import dev.secupass.core.internal.format.ByteWriter;
import dev.secupass.core.internal.format.FormatPrefix;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
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
 *
 * <p>A person in role {@code r} is up to three clear entries: {@code r} (the user id), {@code
 * r_kind} ({@code employee}, {@code partner} or {@code guest}, if known) and {@code r_email} (if
 * known); the audience has only the last two (its user id is the event's). A reader ignores
 * entries it does not know. Each payload has one encoding: names do not repeat and the clear
 * entries come before the sealed ones, as {@link #encode()} writes them; a reader refuses
 * anything else, so a second entry of a name cannot shadow the first.
 */
public final class EventPayload {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z_]{0,31}");
  private static final int CLEAR = 0;
  private static final int SEALED = 1;
  private static final String KIND = "_kind";
  private static final String EMAIL = "_email";

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

    /** A person in {@code role}, as of now: their user id, kind and address where known. */
    public Builder person(String role, Person person) {
      put(role, person.user().value());
      return personDetails(role, person);
    }

    /** A person's kind and address in {@code role}, without their user id (the audience's). */
    public Builder personDetails(String role, Person person) {
      person.knownKind().ifPresent(kind -> put(role + KIND, kind.name().toLowerCase(Locale.ROOT)));
      person.address().ifPresent(email -> put(role + EMAIL, email));
      return this;
    }

    /** A secret already sealed with {@link EventSecrets#seal}. */
    public Builder sealed(String name, byte[] value) {
      sealed.put(checkName(name), value.clone());
      return this;
    }

    /** A builder with the same entries, to add to without changing this one. */
    public Builder copy() {
      Builder copy = new Builder();
      copy.clear.putAll(clear);
      copy.sealed.putAll(sealed);
      return copy;
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

  /**
   * The person recorded in {@code role}, if any.
   *
   * @throws IntegrityException if their entries are malformed
   */
  public Optional<Person> person(String role) {
    return get(role).map(user -> person(role, userId(user)));
  }

  /**
   * The person recorded in {@code role} with the given user id (the audience's is the event's).
   *
   * @throws IntegrityException if their entries are malformed
   */
  public Person person(String role, UserId user) {
    try {
      PrincipalKind kind = get(role + KIND)
          .map(name -> PrincipalKind.valueOf(name.toUpperCase(Locale.ROOT))).orElse(null);
      return new Person(user, kind, get(role + EMAIL).orElse(null));
    } catch (IllegalArgumentException e) {
      throw new IntegrityException("event payload has an invalid " + role);
    }
  }

  private static UserId userId(String value) {
    try {
      return UserId.of(value);
    } catch (IllegalArgumentException e) {
      throw new IntegrityException("event payload has an invalid user id");
    }
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
    boolean sealedSeen = false;
    for (int i = 0; i < count; i++) {
      String name = in.string("entry name");
      if (!NAME.matcher(name).matches()) {
        throw new IntegrityException("event payload has an invalid entry name");
      }
      if (builder.clear.containsKey(name) || builder.sealed.containsKey(name)) {
        throw new IntegrityException("event payload repeats its entry " + name);
      }
      int flag = in.u8();
      if (flag == CLEAR && !sealedSeen) {
        builder.put(name, in.string("entry value"));
      } else if (flag == SEALED) {
        sealedSeen = true;
        builder.sealed(name, in.bytes(in.u16(), "sealed entry"));
      } else if (flag == CLEAR) {
        throw new IntegrityException("event payload has a clear entry after its sealed ones");
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
