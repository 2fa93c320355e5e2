package dev.secupass.core.delivery;

/**
 * What one {@link Deliveries#sweepExpired} call did.
 *
 * @param expired deliveries marked expired (their grants cancelled, the sender told)
 * @param blobsDeleted files of expired deliveries deleted from the blob store
 * @param orphansDeleted blobs deleted that nothing refers to: left by uploads that failed, were
 *     abandoned or were cut short by a crash longer ago than the grace period ({@code
 *     SecuPassSdk.Builder#orphanGracePeriod}), or by deletions a crash cut short
 * @param more whether more may remain (a batch was full)
 */
public record SweepResult(int expired, int blobsDeleted, int orphansDeleted, boolean more) {}
