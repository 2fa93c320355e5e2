package dev.secupass.samples.web.host;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An e-mail the sample would have sent: the host's rendering of one SDK event.
 *
 * @param sentAt when the event was turned into the mail
 * @param to the recipient's address (or user id when the sample knows no address)
 * @param subject the subject line
 * @param body the text
 * @param link the path of the link in the mail (relative to the sample's address), or {@code null}
 */
public record SentMail(Instant sentAt, String to, String subject, String body,
    @Nullable String link) {
  public SentMail {
    Objects.requireNonNull(sentAt, "sentAt");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(body, "body");
  }

  public Optional<String> linkPath() {
    return Optional.ofNullable(link);
  }

  /** Leaves out the body and the link, which may carry a capability token. */
  @Override
  public String toString() {
    return "SentMail[to=" + to + ", subject=" + subject + "]";
  }
}
