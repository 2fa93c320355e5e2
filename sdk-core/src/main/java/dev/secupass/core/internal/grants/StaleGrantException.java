package dev.secupass.core.internal.grants;

import dev.secupass.api.SecuPassException;

/**
 * A {@link GrantHandler} found that a grant can no longer be fulfilled: its target was withdrawn,
 * expired or deleted, the recipient no longer belongs to it, or the recipient's key is no longer
 * the version the grant was queued for. The engine cancels the grant; nothing else changes.
 */
public class StaleGrantException extends SecuPassException {
  private static final long serialVersionUID = 1L;

  public StaleGrantException(String message) {
    super(message);
  }
}
