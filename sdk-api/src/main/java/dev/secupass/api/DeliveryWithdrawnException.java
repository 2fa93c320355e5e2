package dev.secupass.api;


/** The sender withdrew the delivery. The attempt is recorded in the audit trail. */
public class DeliveryWithdrawnException extends RefusedException {
  private static final long serialVersionUID = 1L;

  public DeliveryWithdrawnException(String message) {
    super(message);
  }
}
