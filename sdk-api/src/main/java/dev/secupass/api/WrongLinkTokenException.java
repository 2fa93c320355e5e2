package dev.secupass.api;


/** The link token does not open this delivery. The attempt is recorded in the audit trail. */
public class WrongLinkTokenException extends RefusedException {
  private static final long serialVersionUID = 1L;

  public WrongLinkTokenException(String message) {
    super(message);
  }
}
