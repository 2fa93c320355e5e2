package dev.secupass.api;


/** The delivery is past its expiry (its files are, or will soon be, deleted). The attempt is recorded in the audit trail. */
public class DeliveryExpiredException extends RefusedException {
  private static final long serialVersionUID = 1L;

  public DeliveryExpiredException(String message) {
    super(message);
  }
}
