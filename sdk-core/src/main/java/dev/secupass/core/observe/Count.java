package dev.secupass.core.observe;

/** The amounts a run of an {@link Operation} reports besides its time. */
public enum Count {
  /** The plaintext bytes of a delivery's files (sent, or offered to the reader on open). */
  BYTES("bytes", "bytes"),
  /** The files of a delivery. */
  FILES("files", "files"),
  /** The grants a run fulfilled. */
  GRANTS_FULFILLED("fulfilled", "grants"),
  /** The grants a run left ready (the recipient's key changed, or another error). */
  GRANTS_LEFT("left", "grants"),
  /** The grants a run cancelled as stale. */
  GRANTS_CANCELLED("cancelled", "grants"),
  /**
   * The age in milliseconds of the oldest grant a run found waiting for it (since it was
   * queued), 0 if it found none.
   */
  OLDEST_GRANT_AGE("oldest.age", "milliseconds"),
  /** The deliveries a sweep expired. */
  EXPIRED("expired", "deliveries"),
  /** The blobs a sweep deleted. */
  BLOBS_DELETED("blobs.deleted", "blobs");

  private final String key;
  private final String unit;

  Count(String key, String unit) {
    this.key = key;
    this.unit = unit;
  }

  /** The count's name, appended to the operation's name by observers that publish it apart. */
  public String key() {
    return key;
  }

  /** The unit of the amount. */
  public String unit() {
    return unit;
  }
}
