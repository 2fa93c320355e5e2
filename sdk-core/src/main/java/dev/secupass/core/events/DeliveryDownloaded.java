package dev.secupass.core.events;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.EventId;
import dev.secupass.api.FileId;
import dev.secupass.api.Person;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * For the sender: a reader read one file of their delivery to its end (counted once per reader and
 * file).
 *
 * @param id the event, to {@linkplain Events#acknowledge acknowledge} it
 * @param at when it happened
 * @param audience who should be told
 * @param delivery the delivery
 * @param file the file
 * @param fileName its name at levels 1-3; {@code null} at level 4 (end-to-end encrypted)
 * @param downloader who read it; {@code null} for a level-1 link (anyone holding it)
 */
public record DeliveryDownloaded(EventId id, Instant at, Person audience, DeliveryId delivery,
    FileId file, @Nullable String fileName, @Nullable Person downloader) implements HostEvent {
  public DeliveryDownloaded {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(audience, "audience");
    Objects.requireNonNull(delivery, "delivery");
    Objects.requireNonNull(file, "file");
  }

  /** The file's name, unless it is end-to-end encrypted (level 4). */
  public Optional<String> clearFileName() {
    return Optional.ofNullable(fileName);
  }

  /** Who read it, unless it was read through a level-1 link. */
  public Optional<Person> knownDownloader() {
    return Optional.ofNullable(downloader);
  }
}
