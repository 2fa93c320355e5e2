package dev.secupass.api;


/** The signed-in user is neither a recipient nor the sender of the delivery. The attempt is recorded in the audit trail. */
public class NotARecipientException extends NotPermittedException {
  private static final long serialVersionUID = 1L;

  public NotARecipientException(String message) {
    super(message);
  }
}
