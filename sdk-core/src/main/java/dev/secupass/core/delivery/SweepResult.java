package dev.secupass.core.delivery;

/**
 * What one {@link Deliveries#sweepExpired} call did.
 *
 * @param expired deliveries marked expired (their grants cancelled, the sender told)
 * @param blobsDeleted files deleted from the blob store
 * @param more whether more expired deliveries may remain (the batch was full)
 */
public record SweepResult(int expired, int blobsDeleted, boolean more) {}
