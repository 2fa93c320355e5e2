package dev.secupass.core.delivery;

import dev.secupass.api.SecuPassException;

/** The sender withdrew the delivery. The attempt is recorded in the audit trail. */
public class DeliveryWithdrawnException extends SecuPassException {
  private static final long serialVersionUID = 1L;

  public DeliveryWithdrawnException(String message) {
    super(message);
  }
}
