package dev.secupass.core.delivery;

/**
 * Observes a sending as its files stream through encryption to the blob store. Called on the
 * sending thread, after each chunk; keep it quick.
 */
@FunctionalInterface
public interface ProgressListener {
  /** A listener that ignores progress. */
  ProgressListener NONE = (name, done, total) -> { };

  /**
   * Reports how far the sending of one file got.
   *
   * @param fileName the file being sent
   * @param bytesDone plaintext bytes of it read so far
   * @param bytesTotal its size if the sender declared it, otherwise -1
   */
  void progress(String fileName, long bytesDone, long bytesTotal);
}
