package dev.secupass.samples.cli.commands;

import dev.secupass.core.delivery.SweepResult;
import dev.secupass.samples.cli.HostCommand;
import dev.secupass.samples.cli.Invocation;
import dev.secupass.samples.cli.Json;
import java.time.Duration;
import java.util.OptionalInt;
import picocli.CommandLine.Command;

/** The host's expiry sweep. */
@Command(name = "sweep", description = "Expire deliveries past their expiry: delete their files,"
    + " cancel their grants, tell their senders; delete uploads no delivery or room took over"
    + " within an hour, and what interrupted uploads left in the data folder more than an hour"
    + " ago (a host runs this on a timer).")
public final class SweepCommand extends HostCommand {
  private static final int BATCH = 100;
  /** How old an interrupted upload's temporary file must be: longer than any upload takes. */
  private static final Duration INTERRUPTED_GRACE = Duration.ofHours(1);

  @Override
  protected void run(Invocation invocation) {
    int expired = 0;
    int deleted = 0;
    int orphaned = 0;
    SweepResult result;
    do {
      result = invocation.sdk().deliveries().sweepExpired(BATCH);
      expired += result.expired();
      deleted += result.blobsDeleted();
      orphaned += result.orphansDeleted();
    } while (result.more());
    OptionalInt removed = invocation.host().sweepInterruptedUploads(INTERRUPTED_GRACE);
    int deliveries = expired;
    int files = deleted;
    int orphans = orphaned;
    invocation.result(() -> "expired " + deliveries + " deliveries, deleted " + files + " files"
        + (orphans > 0 ? "\nremoved " + orphans + " orphaned upload(s) no delivery or room took"
            + " over within 1 hour" : "")
        + (removed.isPresent() ? "\nremoved " + removed.getAsInt() + " partial upload(s) left"
            + " by interrupted sends more than 1 hour ago" : ""),
        Json.map("expired_deliveries", deliveries, "deleted_files", files,
            "removed_orphaned_uploads", orphans,
            "removed_partial_uploads", removed.isPresent() ? removed.getAsInt() : null));
  }
}
