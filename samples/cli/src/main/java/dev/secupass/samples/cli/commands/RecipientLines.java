package dev.secupass.samples.cli.commands;

import dev.secupass.api.Fingerprint;
import dev.secupass.api.UserId;
import dev.secupass.core.delivery.RecipientStatus;
import dev.secupass.core.keys.SafetyWords;
import dev.secupass.samples.cli.Invocation;
import dev.secupass.samples.cli.Json;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Where a recipient stands, in words. */
final class RecipientLines {
  private RecipientLines() {}

  static String describe(Invocation invocation, RecipientStatus status) {
    String name = invocation.name(status.recipient().user());
    return name + ": " + switch (status.state()) {
      case CAN_OPEN -> "can open it";
      case AWAITING_SECUPASS -> "must choose a SecuPass first";
      case AWAITING_GRANT -> unverifiedWords(invocation, status)
          .map(words -> "has a SecuPass, but you never verified " + name + "'s keys (reading"
              + " what " + name + " sent you does not verify them): your next 'unlock' holds it"
              + " unless they used your access code. Their safety words: " + words + ". Ask "
              + name + " to read theirs (by phone or in person); if they are the same, 'confirm "
              + name + " WORDS...' releases it")
          .orElse("has a SecuPass; your next 'unlock' releases it");
    };
  }

  /**
   * Where a recipient stands, for {@code --json}; with the recipient's {@code safety_words} while
   * a grant waits for keys the sender never verified.
   */
  static Map<String, @Nullable Object> json(Invocation invocation, RecipientStatus status) {
    Map<String, @Nullable Object> json = Json.map("recipient",
        invocation.name(status.recipient().user()),
        "state", status.state().name().toLowerCase(Locale.ROOT));
    unverifiedWords(invocation, status).ifPresent(words -> json.put("safety_words", words));
    return json;
  }

  /**
   * The safety words of the recipient's stored keys while a grant waits for them and the
   * signed-in sender never verified them ('verify' or 'confirm'): the words the default
   * first-contact policy's hold shows at the next unlock.
   */
  private static Optional<SafetyWords> unverifiedWords(Invocation invocation,
      RecipientStatus status) {
    if (status.state() != RecipientStatus.State.AWAITING_GRANT) {
      return Optional.empty();
    }
    UserId self = invocation.user().user();
    UserId subject = status.recipient().user();
    Optional<Fingerprint> stored = invocation.sdk().secuPass().fingerprint(subject);
    return stored.filter(print -> !invocation.keyNotes().isVerified(self, subject, print))
        .map(SafetyWords::of);
  }
}
