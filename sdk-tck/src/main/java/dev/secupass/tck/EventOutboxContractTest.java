package dev.secupass.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.ConflictException;
import dev.secupass.api.UserId;
import dev.secupass.spi.Event;
import dev.secupass.spi.EventOutbox;
import dev.secupass.api.PageRequest;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link EventOutbox}: events stay pending in append order until acknowledged,
 * and each audience's events are listed newest first. Tests of {@code pending} first acknowledge
 * whatever is pending in the store.
 */
@DisplayName("EventOutbox contract")
public abstract class EventOutboxContractTest extends StorageContract {

  EventOutbox events() {
    return storage.events();
  }

  /** Acknowledges every pending event, so a test sees only its own. */
  void drainPending() {
    List<Event> pending;
    while (!(pending = events().pending(1000)).isEmpty()) {
      pending.forEach(event -> events().acknowledge(event.id()));
    }
  }

  Event appended(UserId audience, Instant at) {
    Event event = Samples.event(audience, at);
    events().append(event);
    return event;
  }

  @Nested
  @DisplayName("EventOutbox pending")
  class Pending {
    @Test
    @DisplayName("hands out pending events in the order they were appended, up to the limit")
    void pending_appendOrder_upToLimit() {
      drainPending();
      Instant now = clock.instant();
      Event first = appended(Samples.user(), now.plusSeconds(5));
      Event second = appended(Samples.user(), now);
      Event third = appended(Samples.user(), now.plusSeconds(1));

      assertThat(events().pending(10)).containsExactly(first, second, third);
      assertThat(events().pending(2)).containsExactly(first, second);
    }

    @Test
    @DisplayName("stops handing out an event once acknowledged; acknowledging is idempotent")
    void acknowledge_removesFromPending_idempotent() {
      drainPending();
      Event first = appended(Samples.user(), clock.instant());
      Event second = appended(Samples.user(), clock.instant());

      events().acknowledge(first.id());
      events().acknowledge(first.id());

      assertThat(events().pending(10)).containsExactly(second);
    }

    @Test
    @DisplayName("ignores acknowledging an unknown event")
    void acknowledge_unknown_isIgnored() {
      drainPending();
      Event event = appended(Samples.user(), clock.instant());

      events().acknowledge(Samples.eventId());

      assertThat(events().pending(10)).containsExactly(event);
    }

    @Test
    @DisplayName("conflicts on an event id that is taken, keeping the first event")
    void append_takenId_conflicts() {
      drainPending();
      Event first = appended(Samples.user(), clock.instant());
      Event clash = new Event(first.id(), "grant.ready", Samples.user(), Samples.bytes(10),
          clock.instant());

      assertThatThrownBy(() -> events().append(clash)).isInstanceOf(ConflictException.class);
      assertThat(events().pending(10)).containsExactly(first);
    }
  }

  @Nested
  @DisplayName("EventOutbox.forAudience")
  class ForAudience {
    @Test
    @DisplayName("lists an audience's events newest first, acknowledged ones included")
    void forAudience_newestFirst_includesAcknowledged() {
      UserId audience = Samples.user();
      Instant now = clock.instant();
      Event old = appended(audience, now);
      Event newest = appended(audience, now.plusSeconds(20));
      Event middle = appended(audience, now.plusSeconds(10));
      appended(Samples.user(), now.plusSeconds(15));
      events().acknowledge(middle.id());

      assertThat(events().forAudience(audience, PageRequest.first(10)).items())
          .containsExactly(newest, middle, old);
    }

    @Test
    @DisplayName("pages through an audience's events visiting each once")
    void forAudience_paging_eachOnce() {
      UserId audience = Samples.user();
      Instant now = clock.instant();
      List<Event> all = IntStream.range(0, 17)
          .mapToObj(i -> appended(audience, now.plusMillis(i % 5)))
          .toList();

      List<Event> paged = Paging.all(p -> events().forAudience(audience, p), 4);

      assertThat(paged).containsExactlyElementsOf(all.stream()
          .sorted(Comparator.comparing(Event::createdAt).thenComparing(Event::id).reversed())
          .toList());
      assertThat(events().forAudience(Samples.user(), PageRequest.first(4)).items()).isEmpty();
    }
  }
}
