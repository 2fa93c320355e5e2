package dev.secupass.core;

import dev.secupass.api.IntegrityException;
import dev.secupass.core.internal.format.ByteReader;
import dev.secupass.core.internal.format.ByteWriter;
import dev.secupass.core.internal.format.FormatPrefix;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Named at-rest keys for rotation: new data is sealed under the <em>primary</em> key, and data
 * sealed under any key of the ring still opens. Each ciphertext names its key ({@code
 * docs/format.md}, "At-rest key ring"), so opening goes straight to the right key, and a key that
 * no record names any more can be dropped from the ring. {@link SecuPassSdk#reseal} moves stored
 * records to the primary key.
 *
 * <pre>{@code
 * AtRestKey atRest = AtRestKeyRing.builder()
 *     .primary("2026-12", AwsKmsAtRestKey.of(kms, newKeyArn))  // seals everything new
 *     .previous("2026-06", oldKey)                             // still opens what it sealed
 *     .unnamed(keyBeforeTheRing)    // opens what a bare key sealed before the ring existed
 *     .build();
 * }</pre>
 *
 * <p>Key names are 1 to 64 ASCII letters, digits, dots, underscores and hyphens; they are stored
 * in the clear beside the ciphertext, so they must not be secrets. Safe for use by many threads
 * when its keys are.
 */
public final class AtRestKeyRing implements AtRestKey {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final String LABEL = "SecuPass at-rest key ring v1";

  private final String primaryName;
  private final AtRestKey primary;
  private final Map<String, AtRestKey> keys;
  private final @Nullable AtRestKey unnamed;

  private AtRestKeyRing(Builder builder) {
    this.primaryName = Objects.requireNonNull(builder.primaryName);
    this.primary = Objects.requireNonNull(builder.keys.get(primaryName));
    this.keys = Map.copyOf(builder.keys);
    this.unnamed = builder.unnamed;
  }

  /** A builder; it needs a primary key. */
  public static Builder builder() {
    return new Builder();
  }

  /** The name of the key that seals new data. */
  public String primaryName() {
    return primaryName;
  }

  /**
   * The name of the key {@code ciphertext} was sealed under, read from its first bytes (nothing is
   * decrypted); empty if it carries no name (sealed by a bare key before the ring).
   *
   * @throws IntegrityException if it starts as a ring ciphertext but is cut short or malformed
   */
  public Optional<String> sealedUnder(byte[] ciphertext) {
    if (!isRingCiphertext(ciphertext)) {
      return Optional.empty();
    }
    return Optional.of(readName(new ByteReader(ciphertext, IntegrityException::new)));
  }

  /**
   * Seals {@code ciphertext}'s plaintext anew under the primary key, or returns empty if it already
   * is sealed under it.
   *
   * @throws IntegrityException if it does not open under the ring's keys with this associated data
   */
  public Optional<byte[]> reseal(byte[] ciphertext, byte[] associatedData) {
    if (sealedUnder(ciphertext).filter(primaryName::equals).isPresent()) {
      return Optional.empty();
    }
    byte[] plaintext = decrypt(ciphertext, associatedData);
    try {
      return Optional.of(encrypt(plaintext, associatedData));
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  @Override
  public byte[] encrypt(byte[] plaintext, byte[] associatedData) {
    byte[] head = head(primaryName);
    byte[] sealed = primary.encrypt(plaintext, innerAssociatedData(head, associatedData));
    return new ByteWriter(head.length + sealed.length).bytes(head).bytes(sealed).toByteArray();
  }

  @Override
  public byte[] decrypt(byte[] ciphertext, byte[] associatedData) {
    if (!isRingCiphertext(ciphertext)) {
      if (unnamed == null) {
        throw new IntegrityException("data sealed under the host's at-rest key does not decrypt:"
            + " it names no key of the key ring (it was altered, or sealed by a key outside the"
            + " ring that the ring does not hold as its unnamed key)");
      }
      return unnamed.decrypt(ciphertext, associatedData);
    }
    ByteReader in = new ByteReader(ciphertext, IntegrityException::new);
    String name = readName(in);
    AtRestKey key = keys.get(name);
    if (key == null) {
      throw new IntegrityException("data sealed under the at-rest key \"" + name
          + "\" does not decrypt: the key ring does not hold that key");
    }
    byte[] head = Arrays.copyOf(ciphertext, in.position());
    return key.decrypt(in.bytes(in.remaining(), "sealed data"),
        innerAssociatedData(head, associatedData));
  }

  private static boolean isRingCiphertext(byte[] ciphertext) {
    return ciphertext.length >= 3 && ciphertext[0] == 'S' && ciphertext[1] == 'P'
        && ciphertext[2] == 'K';
  }

  private static String readName(ByteReader in) {
    FormatPrefix.read(in, FormatPrefix.Kind.AT_REST_RING);
    int length = in.u8();
    String name = new String(in.bytes(length, "key name"), StandardCharsets.US_ASCII);
    if (!NAME.matcher(name).matches()) {
      throw in.malformed("the at-rest key name is not 1-64 letters, digits, '.', '_' or '-'");
    }
    return name;
  }

  private static byte[] head(String name) {
    byte[] ascii = name.getBytes(StandardCharsets.US_ASCII);
    return FormatPrefix.write(new ByteWriter(FormatPrefix.LENGTH + 1 + ascii.length),
        FormatPrefix.Kind.AT_REST_RING).u8(ascii.length).bytes(ascii).toByteArray();
  }

  private static byte[] innerAssociatedData(byte[] head, byte[] associatedData) {
    byte[] label = LABEL.getBytes(StandardCharsets.US_ASCII);
    return new ByteWriter(label.length + 1 + head.length + associatedData.length)
        .bytes(label).u8(0).bytes(head).bytes(associatedData).toByteArray();
  }

  @Override
  public String toString() {
    return "AtRestKeyRing[primary=" + primaryName + ", keys=" + keys.size()
        + (unnamed == null ? "" : ", with an unnamed key") + "]";
  }

  /** Builds a ring; names are checked as they are given. */
  public static final class Builder {
    private final Map<String, AtRestKey> keys = new LinkedHashMap<>();
    private @Nullable String primaryName;
    private @Nullable AtRestKey unnamed;

    private Builder() {}

    /**
     * The key that seals new data (exactly one).
     *
     * @throws IllegalArgumentException if the name is not 1-64 letters, digits, '.', '_' or '-',
     *     is taken, or a primary key was already given
     */
    public Builder primary(String name, AtRestKey key) {
      if (primaryName != null) {
        throw new IllegalArgumentException("the key ring already has a primary key, \""
            + primaryName + "\"");
      }
      add(name, key);
      primaryName = name;
      return this;
    }

    /**
     * A key that only opens what it sealed while it was primary.
     *
     * @throws IllegalArgumentException if the name is not 1-64 letters, digits, '.', '_' or '-',
     *     or is taken
     */
    public Builder previous(String name, AtRestKey key) {
      add(name, key);
      return this;
    }

    /**
     * The key the host used before it had a ring (its ciphertext names no key): it only opens what
     * it sealed then. {@link SecuPassSdk#reseal} moves that data to the primary key too.
     */
    public Builder unnamed(AtRestKey key) {
      if (key instanceof AtRestKeyRing) {
        throw new IllegalArgumentException("a key ring cannot hold another key ring");
      }
      unnamed = Objects.requireNonNull(key, "key");
      return this;
    }

    private void add(String name, AtRestKey key) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(key, "key");
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("an at-rest key name is 1-64 letters, digits, '.', '_'"
            + " or '-', got \"" + name + "\"");
      }
      if (key instanceof AtRestKeyRing) {
        throw new IllegalArgumentException("a key ring cannot hold another key ring");
      }
      if (keys.putIfAbsent(name, key) != null) {
        throw new IllegalArgumentException("the key ring already has a key named \"" + name
            + "\"");
      }
    }

    /**
     * The ring.
     *
     * @throws IllegalStateException if no primary key was given
     */
    public AtRestKeyRing build() {
      if (primaryName == null) {
        throw new IllegalStateException("an at-rest key ring needs a primary key");
      }
      return new AtRestKeyRing(this);
    }
  }
}
