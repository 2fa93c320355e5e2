package dev.secupass.core.keylog;

/**
 * The host's key transparency log, from {@code SecuPassSdk.keyLog()}: its identity for witnesses
 * and auditors, its current checkpoint, a quick check for health endpoints, and a full audit
 * ({@code docs/key-log.md}).
 */
public interface KeyLog {

  /** The log's origin (the first line of its checkpoints). */
  String origin();

  /** The C2SP verifier key of the host's checkpoint key: give it to witnesses and auditors. */
  String verifierKey();

  /**
   * The current checkpoint as a C2SP signed note, its signature checked and cosigned by the
   * witness quorum.
   *
   * @throws dev.secupass.api.KeyLogException if it is invalid or not witnessed
   */
  String checkpoint();

  /**
   * A quick check of the whole log, for a health endpoint: the current checkpoint as {@link
   * #checkpoint()} checks it; the stored tree's root against it (a rewritten tree node shows);
   * the newest entry against the tree (a rewritten newest entry shows); and that the log extends
   * the one this SDK instance checked last (a consistency proof: a log rolled back or rewritten
   * since shows). Reads about {@code 2 log2(entries)} tree nodes and one entry. An older entry
   * rewritten without its tree nodes is found by {@link #audit()} and, for the keys of a user,
   * at that user's next unlock.
   *
   * @throws dev.secupass.api.KeyLogException if a check fails: its message says which, in words
   * @throws dev.secupass.api.StorageException if the log cannot be read
   */
  KeyLogCheck check();

  /**
   * Reads the whole log: recomputes the tree from every entry, checks every stored node against
   * it, every checkpoint's signature and root hash, the consistency proof between each stored
   * checkpoint and the next, and looks for two different keys logged for the same user and key
   * version. Reads every entry once: a job for an auditor, not for a request.
   */
  KeyLogAudit audit();
}
