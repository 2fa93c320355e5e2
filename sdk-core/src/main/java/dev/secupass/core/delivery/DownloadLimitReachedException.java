package dev.secupass.core.delivery;

import dev.secupass.api.SecuPassException;

/** The delivery was opened for download as many times as its limit allows. The attempt is recorded in the audit trail. */
public class DownloadLimitReachedException extends SecuPassException {
  private static final long serialVersionUID = 1L;

  public DownloadLimitReachedException(String message) {
    super(message);
  }
}
