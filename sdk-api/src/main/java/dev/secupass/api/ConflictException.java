package dev.secupass.api;

/**
 * A conditional change lost: the stored state was not the one the caller expected (another change
 * won a compare-and-set, an identifier was already taken, a lease is held by someone else). Nothing
 * was changed; {@link #retryable() retryable}: the caller may re-read and try again.
 */
public class ConflictException extends SecuPassException {
  private static final long serialVersionUID = 1L;

  public ConflictException(String message) {
    super(message);
  }

  /** {@code true}: the change that won is committed, so trying again sees it. */
  @Override
  public boolean retryable() {
    return true;
  }
}
