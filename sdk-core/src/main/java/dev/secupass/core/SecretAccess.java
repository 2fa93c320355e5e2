package dev.secupass.core;

/**
 * A token that unlocks the few methods handing a secret out of the SDK (for example {@link
 * dev.secupass.core.delivery.OpenedDelivery#contentKey}). Only {@link #insecure()} makes one, so
 * every such call is easy to find in a code review, as with Tink's {@code InsecureSecretKeyAccess}.
 * A host needs it only for what the SDK cannot do itself, such as an archive export that decrypts
 * with the format specification alone.
 */
public final class SecretAccess {
  private static final SecretAccess INSECURE = new SecretAccess();

  private SecretAccess() {}

  /**
   * The token. Calling this says: "this code takes a secret out of the SDK's protection and is
   * responsible for it from here on."
   */
  public static SecretAccess insecure() {
    return INSECURE;
  }

  @Override
  public String toString() {
    return "SecretAccess";
  }
}
