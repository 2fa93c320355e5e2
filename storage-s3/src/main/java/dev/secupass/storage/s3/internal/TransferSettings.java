package dev.secupass.storage.s3.internal;

/**
 * How a store moves bytes (validated by the public builder).
 *
 * @param partSize bytes per multipart part; an upload holds at most {@code partsInFlight + 1}
 *     parts in memory
 * @param partsInFlight parts of one upload sent at once
 * @param checksums whether uploads carry CRC32 checksums (declared on the multipart upload and
 *     sent with every part) and whole-object reads ask for the stored checksum
 * @param maxAttempts attempts per interrupted download before a read gives up
 * @param singlePutLimit the largest blob of declared size sent as one streamed PutObject; larger
 *     ones, and blobs of unknown size above one part, go as multipart uploads
 */
public record TransferSettings(int partSize, int partsInFlight, boolean checksums, int maxAttempts,
    long singlePutLimit) {

  /** Whether a blob of declared {@code size} goes out as one streamed PutObject. */
  public boolean streams(long size) {
    return size > partSize && size <= singlePutLimit;
  }
}
