package dev.secupass.core.delivery;

import dev.secupass.api.NotPermittedException;

/** The link token does not open this delivery. The attempt is recorded in the audit trail. */
public class WrongLinkTokenException extends NotPermittedException {
  private static final long serialVersionUID = 1L;

  public WrongLinkTokenException(String message) {
    super(message);
  }
}
