package dev.secupass.core.independent;

/**
 * The independent reader's refusal, named as {@code docs/format.md} ("Errors") names the outcome,
 * so the reader's verdict can be compared with a vector's {@code result}.
 */
final class Rejected extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String outcome;

  private Rejected(String outcome, String message) {
    super(message);
    this.outcome = outcome;
  }

  /** The exception name the spec gives this outcome, as vectors record it. */
  String outcome() {
    return outcome;
  }

  static Rejected integrity(String message) {
    return new Rejected("IntegrityException", message);
  }

  static Rejected unsupported(String message) {
    return new Rejected("UnsupportedFormatException", message);
  }

  static Rejected signature(String message) {
    return new Rejected("InvalidSignatureException", message);
  }

  static Rejected keyBlob(String message) {
    return new Rejected("InvalidKeyBlobException", message);
  }

  static Rejected wrongSecuPass(String message) {
    return new Rejected("WrongSecuPassException", message);
  }

  static Rejected membership(String message) {
    return new Rejected("MembershipLogException", message);
  }
}
