package dev.secupass.samples.web.http;

/** An upload went past the sample's size limit; what was received is discarded. */
public final class UploadTooLargeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UploadTooLargeException(long maxBytes) {
    super("the upload is larger than this sample accepts (" + maxBytes + " bytes)");
  }
}
