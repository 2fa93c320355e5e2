package dev.secupass.api;

/**
 * Too many key derivations (activations, unlocks, SecuPass changes and resets, guest
 * registrations and sign-ins) are running at once for the memory the host gave them, and this one
 * waited as long as it may. Nothing was changed. {@link #retryable() Retryable}: a UI asks the user
 * to try again in a moment; a host that sees this often gives the SDK more memory (see the
 * builder's {@code kdfMemoryBudget}).
 */
public class BusyException extends SecuPassException {
  private static final long serialVersionUID = 1L;

  public BusyException(String message) {
    super(message);
  }

  /** Always {@code true}: the derivations running now end within seconds. */
  @Override
  public boolean retryable() {
    return true;
  }
}
