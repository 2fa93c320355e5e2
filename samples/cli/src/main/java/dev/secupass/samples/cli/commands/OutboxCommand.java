package dev.secupass.samples.cli.commands;

import dev.secupass.api.DeliveryState;
import dev.secupass.api.Page;
import dev.secupass.core.delivery.DeliverySummary;
import dev.secupass.core.delivery.RecipientStatus;
import dev.secupass.samples.cli.HostCommand;
import dev.secupass.samples.cli.Invocation;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;

/** The deliveries the signed-in user sent, with where each recipient stands. */
@Command(name = "outbox", description = "Deliveries you sent, newest first, with each recipient's"
    + " state.")
public final class OutboxCommand extends HostCommand {
  @Override
  protected void run(Invocation invocation) {
    Page<DeliverySummary> page = invocation.sdk().deliveries().outbox(invocation.user(),
        SummaryLines.PAGE);
    if (invocation.json()) {
      invocation.result(() -> "", page.items().stream().map(summary -> {
        Map<String, @Nullable Object> json = SummaryLines.json(invocation, summary);
        json.put("recipient_states", summary.state() != DeliveryState.ACTIVE ? List.of()
            : invocation.sdk().deliveries().recipientStatus(invocation.user(), summary.id())
                .stream().map(status -> RecipientLines.json(invocation, status)).toList());
        return json;
      }).toList());
      return;
    }
    if (page.items().isEmpty()) {
      invocation.out().println("your outbox is empty");
    }
    for (DeliverySummary summary : page.items()) {
      invocation.out().println(SummaryLines.describe(invocation, summary, false));
      if (summary.state() == DeliveryState.ACTIVE) {
        for (RecipientStatus status : invocation.sdk().deliveries()
            .recipientStatus(invocation.user(), summary.id())) {
          invocation.out().println("    " + RecipientLines.describe(invocation, status));
        }
      }
    }
  }
}
