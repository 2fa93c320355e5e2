package dev.secupass.samples.web.routes;

import dev.secupass.api.SecurityLevel;
import dev.secupass.core.delivery.Addressee;
import dev.secupass.core.delivery.DeliveryDraft;
import dev.secupass.core.delivery.ProgressListener;
import dev.secupass.samples.host.DirectoryUser;
import dev.secupass.samples.web.host.People;
import dev.secupass.samples.web.http.SpooledFile;
import dev.secupass.samples.web.session.WebSession;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The send form, checked: recipients (directory usernames or addresses, anyone else by address as
 * a guest), level, subject, message, expiry, and the spooled uploads it names.
 */
record DeliveryForm(SecurityLevel level, List<Addressee> to, String subject, String message,
    Duration expiresIn, List<SpooledFile> files, boolean accessCodes) {

  static DeliveryForm parse(Context ctx, WebSession ws, People people) {
    SecurityLevel level = SecurityLevel.of(number(ctx.formParam("level"), 1, 4, "level"));
    int days = number(Objects.requireNonNullElse(ctx.formParam("days"), "7"), 1, 365,
        "expiry in days");
    List<Addressee> to = addressees(ctx.formParam("to"), people);
    List<SpooledFile> files = new ArrayList<>();
    for (String handle : ctx.formParams("file")) {
      files.add(ws.spooled(handle).orElseThrow(() -> new WebError(400,
          "An uploaded file is no longer here (the session changed). Choose the files again.")));
    }
    if (files.isEmpty()) {
      throw new WebError(400, "Choose at least one file.");
    }
    return new DeliveryForm(level, List.copyOf(to),
        Objects.requireNonNullElse(ctx.formParam("subject"), "").strip(),
        Objects.requireNonNullElse(ctx.formParam("message"), ""), Duration.ofDays(days),
        List.copyOf(files), ctx.formParam("access_codes") != null);
  }

  /**
   * A draft of this form (a draft is used once, so each sending attempt makes its own), reporting
   * the encryption's progress to {@code progress}.
   */
  DeliveryDraft draft(ProgressListener progress) {
    DeliveryDraft.Builder draft = DeliveryDraft.builder().level(level).subject(subject)
        .message(message).expiresIn(expiresIn).to(to.toArray(Addressee[]::new))
        .progress(progress);
    if (accessCodes) {
      draft.accessCodes();
    }
    for (SpooledFile file : files) {
      draft.file(file.name(), file::open, file.size());
    }
    try {
      return draft.build();
    } catch (IllegalArgumentException e) {
      throw new WebError(400, e.getMessage());
    }
  }

  /**
   * The recipients of a "to" field: directory usernames or addresses, anyone else by address as
   * a guest, separated by commas, semicolons or spaces.
   */
  @SuppressWarnings("StringSplitter") // blank addressees are skipped, so empty strings do not matter
  static List<Addressee> addressees(@Nullable String field, People people) {
    List<Addressee> to = new ArrayList<>();
    for (String entry : Objects.requireNonNullElse(field, "").split("[,;\\s]+")) {
      if (!entry.isBlank()) {
        to.add(addressee(entry, people));
      }
    }
    if (to.isEmpty()) {
      throw new WebError(400, "Name at least one recipient.");
    }
    return List.copyOf(to);
  }

  private static Addressee addressee(String entry, People people) {
    String wanted = entry.strip().toLowerCase(Locale.ROOT);
    Optional<DirectoryUser> known = people.find(wanted);
    if (known.isPresent()) {
      return known.get().addressee();
    }
    if (!wanted.contains("@")) {
      throw new WebError(400, "\"" + entry + "\" is neither a username of the directory nor an"
          + " e-mail address.");
    }
    try {
      return Addressee.guest(wanted);
    } catch (IllegalArgumentException e) {
      throw new WebError(400, "\"" + entry + "\": " + e.getMessage());
    }
  }

  private static int number(@Nullable String text, int min, int max, String what) {
    String value = Objects.requireNonNullElse(text, "").strip();
    if (value.matches("\\d{1,4}")) {
      int number = Integer.parseInt(value);
      if (number >= min && number <= max) {
        return number;
      }
    }
    throw new WebError(400, "The " + what + " must be a number from " + min + " to " + max + ".");
  }
}
