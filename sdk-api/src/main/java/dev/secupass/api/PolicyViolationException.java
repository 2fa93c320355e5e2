package dev.secupass.api;


/** A delivery breaks the sender's delivery policy; nothing was sent. */
public class PolicyViolationException extends RefusedException {
  private static final long serialVersionUID = 1L;

  /** The rules a policy sets. */
  public enum Rule {
    /** The security level is not allowed. */
    LEVEL,
    /** The expiry is before the policy's shortest or after its longest. */
    EXPIRY,
    /** A file is larger than allowed. */
    FILE_SIZE,
    /** The files together are larger than allowed. */
    TOTAL_SIZE,
    /** There are more files than allowed. */
    FILE_COUNT,
    /** A recipient's address is outside the allowed domains. */
    RECIPIENT_DOMAIN,
    /** The sender may not send at all (guests). */
    SENDER
  }

  private final Rule rule;

  public PolicyViolationException(Rule rule, String message) {
    super(message);
    this.rule = rule;
  }

  /** Which rule refused. */
  public Rule rule() {
    return rule;
  }
}
