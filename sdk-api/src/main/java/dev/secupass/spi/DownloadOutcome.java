package dev.secupass.spi;

/** What {@link DeliveryStore#recordDownload} did. */
public enum DownloadOutcome {
  /** The first record of this delivery, file and reader: stored, and the download counted. */
  COUNTED,
  /** This reader's download of this file was recorded before: nothing changed. */
  ALREADY_COUNTED,
  /** The delivery's download limit was reached: nothing changed. */
  LIMIT_REACHED
}
