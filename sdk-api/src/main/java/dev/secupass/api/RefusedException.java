package dev.secupass.api;

/**
 * Refused by policy, permission or the state of the thing asked for (a delivery that expired, was
 * withdrawn or reached its download limit, a role that does not allow the change). Nothing was
 * changed and trying again does not help. The subclass says which rule refused; the message says
 * it in the user's words.
 */
public abstract class RefusedException extends SecuPassException {
  private static final long serialVersionUID = 1L;

  protected RefusedException(String message) {
    super(message);
  }
}
