package dev.secupass.core.keylog;

/**
 * The host's key transparency log, from {@code SecuPassSdk.keyLog()}: its identity for witnesses
 * and auditors, its current checkpoint, and a full audit ({@code docs/key-log.md}).
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
   * Reads the whole log: recomputes the tree from every entry, checks every stored node against
   * it, every checkpoint's signature and root hash, the consistency proof between each stored
   * checkpoint and the next, and looks for two different keys logged for the same user and key
   * version. Reads every entry once: a job for an auditor, not for a request.
   */
  KeyLogAudit audit();
}
