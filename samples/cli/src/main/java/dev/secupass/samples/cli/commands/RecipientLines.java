package dev.secupass.samples.cli.commands;

import dev.secupass.core.delivery.RecipientStatus;
import dev.secupass.samples.cli.Invocation;

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
}
