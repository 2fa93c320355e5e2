package dev.secupass.api;

/**
 * Stored data begins with a format version or algorithm suite this version of the SDK does not
 * know (written by a newer SDK, or not SecuPass data at all). Nothing was decrypted.
 */
public class UnsupportedFormatException extends SecuPassException {
  private static final long serialVersionUID = 1L;

  public UnsupportedFormatException(String message) {
    super(message);
  }
}
