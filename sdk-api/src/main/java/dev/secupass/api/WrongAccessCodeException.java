package dev.secupass.api;

/**
 * The access code typed does not match the one the sender set for this first contact (a typo, or
 * the code of another delivery). Nothing was stored; ask the sender for the code and type it
 * again. Each attempt costs an Argon2id derivation, and the code has 60 random bits, so guessing is
 * hopeless.
 */
public class WrongAccessCodeException extends ActionRequiredException {
  private static final long serialVersionUID = 1L;

  public WrongAccessCodeException(String message) {
    super(message);
  }
}
