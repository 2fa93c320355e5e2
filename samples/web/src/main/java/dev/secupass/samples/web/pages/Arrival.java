package dev.secupass.samples.web.pages;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.SecurityLevel;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a reader may know of a delivery before opening it, as the pages name it: who sent it, at
 * which level, the subject where the level shows it, and how many files.
 *
 * @param id the delivery
 * @param sender the sender's name
 * @param level its security level
 * @param subject the subject at levels 1-3; {@code null} at level 4 (end-to-end encrypted)
 * @param fileCount how many files, or -1 where the reader is not told before opening (a guest)
 * @param withdrawn whether the reader knows that the sender withdrew it (a guest learns it when
 *     opening)
 */
public record Arrival(DeliveryId id, String sender, SecurityLevel level, @Nullable String subject,
    int fileCount, boolean withdrawn) {
  public Arrival {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(level, "level");
  }

  /** A delivery not known to be withdrawn. */
  public Arrival(DeliveryId id, String sender, SecurityLevel level, @Nullable String subject,
      int fileCount) {
    this(id, sender, level, subject, fileCount, false);
  }

  public Optional<String> clearSubject() {
    return Optional.ofNullable(subject);
  }

  /** "alice: "Contract"" or "alice (subject end-to-end encrypted)", escaped for a page. */
  String line() {
    return Html.esc(sender) + ": " + clearSubject()
        .map(s -> s.isEmpty() ? "(no subject)" : "\u201c" + Html.esc(s) + "\u201d")
        .orElse("<em>(subject end-to-end encrypted)</em>");
  }

  /** The facts list a page shows above its action. */
  String facts() {
    StringBuilder facts = new StringBuilder("<dl class=\"facts\" id=\"arrival\"><dt>From</dt>")
        .append("<dd id=\"sender\">").append(Html.esc(sender)).append("</dd><dt>Subject</dt>")
        .append("<dd id=\"subject\">").append(clearSubject().map(s -> s.isEmpty()
            ? "(no subject)" : Html.esc(s)).orElse("<em>end-to-end encrypted: shown once you"
            + " open it</em>")).append("</dd><dt>Level</dt><dd>")
        .append(DeliveryPages.level(level.number())).append("</dd>");
    if (fileCount >= 0) {
      facts.append("<dt>Files</dt><dd id=\"file-count\">").append(fileCount).append("</dd>");
    }
    return facts.append("</dl>").toString();
  }
}
