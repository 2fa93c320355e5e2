package dev.secupass.samples.cli;

import dev.secupass.samples.host.DirectoryUser;
import dev.secupass.samples.host.UserDirectory;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Puts a message the SDK wrote for any host into this host's words before a person reads it: the
 * SDK knows users by id, the host by name (a guest by e-mail address); role names become words;
 * ISO durations ({@code PT1H}) become "1 hour".
 */
final class Wording {
  private static final Pattern ROLE = Pattern.compile("\\b(OWNER|MANAGER|EDITOR|VIEWER)\\b");
  private static final Pattern ISO_DURATION = Pattern.compile("\\bP(?:\\d+D)?(?:T[0-9HMS.]+)?\\b");

  private Wording() {}

  /** {@code message} with ids, role names and durations in words. */
  static String of(String message, @Nullable UserDirectory directory) {
    String text = message;
    if (directory != null) {
      List<DirectoryUser> users = directory.all().stream()
          .sorted(Comparator.comparingInt((DirectoryUser user) -> user.id().value().length())
              .reversed())
          .toList();
      for (DirectoryUser user : users) {
        if (!user.id().value().equals(user.name())) {
          text = text.replace(user.id().value(), user.name());
        }
      }
    }
    text = ROLE.matcher(text).replaceAll(match -> match.group(1).toLowerCase(Locale.ROOT));
    Matcher durations = ISO_DURATION.matcher(text);
    return durations.replaceAll(match -> Matcher.quoteReplacement(words(match.group())));
  }

  /** "1 hour", "90 days", "2 hours 30 minutes"; the text itself if it is no duration. */
  static String words(String iso) {
    if (iso.equals("P") || iso.endsWith("T")) {
      return iso;
    }
    Duration duration;
    try {
      duration = Duration.parse(iso);
    } catch (DateTimeParseException e) {
      return iso;
    }
    StringBuilder words = new StringBuilder();
    long days = duration.toDays();
    append(words, days, "day");
    append(words, duration.toHoursPart(), "hour");
    append(words, duration.toMinutesPart(), "minute");
    append(words, duration.toSecondsPart(), "second");
    return words.length() == 0 ? "0 seconds" : words.toString();
  }

  private static void append(StringBuilder words, long amount, String unit) {
    if (amount > 0) {
      words.append(words.length() == 0 ? "" : " ").append(amount).append(' ').append(unit)
          .append(amount == 1 ? "" : "s");
    }
  }
}
