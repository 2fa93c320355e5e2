package dev.secupass.core.keylog;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How the SDK runs the key transparency log ({@code docs/key-log.md}): the host's checkpoint key
 * and the witnesses whose cosignatures a checkpoint needs.
 *
 * <p>The default ({@link #defaults()}): origin {@value #DEFAULT_ORIGIN}, no witnesses, and a
 * checkpoint key the SDK generates on first use and keeps in the storage sealed under the host's
 * at-rest key (so every SDK instance on the same storage and at-rest key signs with the same key,
 * across restarts). A host that wants the key in its own vault or KMS, or a name of its own, sets
 * {@link Builder#checkpointKey}.
 */
public final class KeyTransparency {
  /** The origin (and checkpoint key name) when the host names none. */
  public static final String DEFAULT_ORIGIN = "secupass.local/key-log";

  private final String origin;
  private final @Nullable CheckpointKey key;
  private final List<Witness> witnesses;
  private final int quorum;

  private KeyTransparency(Builder builder) {
    this.key = builder.key;
    this.origin = builder.key != null ? builder.key.name() : builder.origin;
    this.witnesses = List.copyOf(builder.witnesses);
    this.quorum = builder.quorum < 0 ? witnesses.size() : builder.quorum;
    if (quorum > witnesses.size()) {
      throw new IllegalArgumentException("a quorum of " + quorum + " needs that many witnesses, "
          + witnesses.size() + " are configured");
    }
  }

  /** The default: see the class documentation. */
  public static KeyTransparency defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The log's origin: the checkpoint key's name. */
  public String origin() {
    return origin;
  }

  /** The host's checkpoint key, if the host gave one. */
  public Optional<CheckpointKey> checkpointKey() {
    return Optional.ofNullable(key);
  }

  /** The witnesses asked to cosign. */
  public List<Witness> witnesses() {
    return witnesses;
  }

  /** How many witnesses' cosignatures a checkpoint needs before the SDK relies on it. */
  public int witnessQuorum() {
    return quorum;
  }

  @Override
  public String toString() {
    return "KeyTransparency[origin=" + origin + ", witnesses=" + witnesses.size() + ", quorum="
        + quorum + "]";
  }

  /** Builds a {@link KeyTransparency}. */
  public static final class Builder {
    private String origin = DEFAULT_ORIGIN;
    private @Nullable CheckpointKey key;
    private final List<Witness> witnesses = new ArrayList<>();
    private int quorum = -1;

    private Builder() {}

    /**
     * The origin of a checkpoint key the SDK generates (ignored with {@link #checkpointKey}):
     * a schema-less URL naming this host's log, without spaces or '+'.
     */
    public Builder origin(String value) {
      CheckpointKey.of(Objects.requireNonNull(value, "origin"), new byte[32]);
      this.origin = value;
      return this;
    }

    /** The host's checkpoint key (its name is the origin). */
    public Builder checkpointKey(CheckpointKey value) {
      this.key = Objects.requireNonNull(value, "checkpointKey");
      return this;
    }

    /** A witness asked to cosign every checkpoint the SDK relies on. */
    public Builder witness(Witness value) {
      witnesses.add(Objects.requireNonNull(value, "witness"));
      return this;
    }

    /** How many witness cosignatures are required (default: every witness added). */
    public Builder witnessQuorum(int value) {
      if (value < 0) {
        throw new IllegalArgumentException("the witness quorum must not be negative");
      }
      this.quorum = value;
      return this;
    }

    public KeyTransparency build() {
      return new KeyTransparency(this);
    }
  }
}
