package dev.secupass.core.delivery;

import dev.secupass.api.SecuPassException;

/** The delivery is past its expiry (its files are, or will soon be, deleted). The attempt is recorded in the audit trail. */
public class DeliveryExpiredException extends SecuPassException {
  private static final long serialVersionUID = 1L;

  public DeliveryExpiredException(String message) {
    super(message);
  }
}
