package dev.secupass.api;

/**
 * The caller may not do this: they are not a recipient or member, their role does not allow it, or
 * they are a guest where only employees and partners may act. Nothing was changed. Subclasses say
 * which rule refused; the message names it and never contains a secret.
 */
public class NotPermittedException extends RefusedException {
  private static final long serialVersionUID = 1L;

  public NotPermittedException(String message) {
    super(message);
  }
}
