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
 */
public record TransferSettings(int partSize, int partsInFlight, boolean checksums, int maxAttempts) {}
