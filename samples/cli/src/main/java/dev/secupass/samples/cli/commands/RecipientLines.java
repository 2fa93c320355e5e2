package dev.secupass.samples.cli.commands;

import dev.secupass.core.delivery.RecipientStatus;
import dev.secupass.samples.cli.Invocation;
import dev.secupass.samples.cli.Json;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Where a recipient stands, in words. */
final class RecipientLines {
  private RecipientLines() {}

  static String describe(Invocation invocation, RecipientStatus status) {
    String name = invocation.name(status.recipient().user());
    return name + ": " + switch (status.state()) {
      case CAN_OPEN -> "can open it";
      case AWAITING_SECUPASS -> "must choose a SecuPass first";
      case AWAITING_GRANT -> "has a SecuPass; your next 'unlock' releases it";
    };
  }

  /** Where a recipient stands, for {@code --json}. */
  static Map<String, @Nullable Object> json(Invocation invocation, RecipientStatus status) {
    return Json.map("recipient", invocation.name(status.recipient().user()),
        "state", status.state().name().toLowerCase(Locale.ROOT));
  }
}
