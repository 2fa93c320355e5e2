package dev.secupass.api;


/** The delivery was opened for download as many times as its limit allows. The attempt is recorded in the audit trail. */
public class DownloadLimitReachedException extends RefusedException {
  private static final long serialVersionUID = 1L;

  public DownloadLimitReachedException(String message) {
    super(message);
  }
}
