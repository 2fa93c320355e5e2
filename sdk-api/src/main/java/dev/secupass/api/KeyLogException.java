package dev.secupass.api;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The key transparency log does not vouch for a key, or shows that it was rewritten: the SDK
 * refuses to encrypt to the key (nothing is sent or granted) or to accept the checkpoint. See
 * {@link Kind} for what was found.
 */
public class KeyLogException extends IntegrityException {
  private static final long serialVersionUID = 1L;

  /** What the SDK found wrong with the log. */
  public enum Kind {
    /** The key is not in the log (or not in the checkpoint the log presents). */
    NOT_LOGGED,
    /** The inclusion proof of the key does not lead to the checkpoint's root hash. */
    NOT_INCLUDED,
    /**
     * The log presented now does not extend the one seen before (a consistency proof fails, or it
     * is smaller): it was rewritten, forked, or rolled back.
     */
    FORKED,
    /** A checkpoint is malformed, of another log, or its signature does not verify. */
    BAD_CHECKPOINT,
    /** A checkpoint lacks the witness cosignatures the host requires. */
    NOT_WITNESSED,
    /** A witness refused to cosign the checkpoint (it saw another history). */
    WITNESS_REFUSED,
    /**
     * This SDK cannot sign the log's checkpoints: the checkpoint key the SDK keeps in the storage
     * (the default, when the host gives none) was sealed under another at-rest key, or for
     * another origin. Every SDK instance on one storage needs the same at-rest key, or the same
     * host checkpoint key ({@code docs/key-log.md}, "The checkpoint key").
     */
    CHECKPOINT_KEY_UNAVAILABLE
  }

  private final Kind kind;

  public KeyLogException(Kind kind, String message) {
    this(kind, message, null);
  }

  public KeyLogException(Kind kind, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  public Kind kind() {
    return kind;
  }
}
