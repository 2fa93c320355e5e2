package dev.secupass.samples.cli.commands;

import dev.secupass.api.DeliveryState;
import dev.secupass.api.PageRequest;
import dev.secupass.core.delivery.DeliverySummary;
import dev.secupass.samples.cli.Invocation;
import dev.secupass.samples.cli.Json;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One line per delivery of an inbox or outbox. */
final class SummaryLines {
  /** The page size of listings. */
  static final PageRequest PAGE = PageRequest.first(50);

  private SummaryLines() {}

  /** A delivery of a listing as JSON. */
  static Map<String, @Nullable Object> json(Invocation invocation, DeliverySummary summary) {
    return Json.map("id", summary.id(), "sender", invocation.name(summary.sender()),
        "recipients", summary.recipients().stream()
            .map(recipient -> invocation.name(recipient.user())).toList(),
        "level", summary.level().number(),
        "subject", summary.clearSubject().orElse(null),
        "files", summary.fileCount(), "downloads", summary.downloadCount(),
        "download_limit", summary.downloadLimit() > 0 ? summary.downloadLimit() : null,
        "state", summary.state().name().toLowerCase(Locale.ROOT),
        "expires_at", summary.expiresAt());
  }

  static String describe(Invocation invocation, DeliverySummary summary, boolean incoming) {
    String party = incoming
        ? "from " + invocation.name(summary.sender())
        : "to " + String.join(", ", summary.recipients().stream()
            .map(recipient -> invocation.name(recipient.user())).toList());
    String subject = summary.clearSubject()
        .map(s -> s.isEmpty() ? "(no subject)" : "\"" + s + "\"")
        .orElse("(subject end-to-end encrypted)");
    String state = summary.state() == DeliveryState.ACTIVE
        ? "expires " + summary.expiresAt()
        : summary.state().name().toLowerCase(Locale.ROOT);
    String downloads = summary.downloadCount() + (summary.downloadLimit() > 0
        ? "/" + summary.downloadLimit() : "") + " downloads";
    return summary.id() + "  " + party + "  " + Levels.describe(summary.level()) + "  " + subject
        + "  " + summary.fileCount() + " file(s)  " + downloads + "  " + state;
  }
}
