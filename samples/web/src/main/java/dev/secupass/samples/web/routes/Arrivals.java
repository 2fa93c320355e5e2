package dev.secupass.samples.web.routes;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.DeliveryState;
import dev.secupass.api.Page;
import dev.secupass.api.PageRequest;
import dev.secupass.api.PrincipalKind;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.delivery.Deliveries;
import dev.secupass.core.delivery.DeliverySummary;
import dev.secupass.core.events.DeliveryReceived;
import dev.secupass.core.events.Events;
import dev.secupass.core.events.HostEvent;
import dev.secupass.samples.web.host.People;
import dev.secupass.samples.web.pages.Arrival;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a signed-in reader may know of their deliveries before opening them, in people's words: an
 * employee's or partner's inbox and outbox lines, a guest's delivery notices (guests have no
 * inbox).
 */
final class Arrivals {
  private static final int PAGE = 100;

  private final Deliveries deliveries;
  private final Events events;
  private final People people;

  Arrivals(Deliveries deliveries, Events events, People people) {
    this.deliveries = deliveries;
    this.events = events;
    this.people = people;
  }

  /** The delivery as {@code user} knows it (sent to them, or by them), if it is theirs. */
  Optional<Arrival> find(SignedInUser user, DeliveryId id) {
    if (user.kind() == PrincipalKind.GUEST) {
      return Optional.ofNullable(forGuest(user).get(id));
    }
    return find(page -> deliveries.inbox(user, page), id)
        .or(() -> find(page -> deliveries.outbox(user, page), id))
        .map(this::arrival);
  }

  /** A guest's deliveries, newest first, from the notices the SDK recorded for them. */
  Map<DeliveryId, Arrival> forGuest(SignedInUser guest) {
    Map<DeliveryId, Arrival> found = new LinkedHashMap<>();
    for (HostEvent event : events.forUser(guest.user(), PageRequest.first(PAGE)).items()) {
      if (event instanceof DeliveryReceived received) {
        found.putIfAbsent(received.delivery(), new Arrival(received.delivery(),
            people.name(received.sender()), received.level(), received.clearSubject()
                .orElse(null), -1));
      }
    }
    return found;
  }

  private Arrival arrival(DeliverySummary summary) {
    return new Arrival(summary.id(), people.name(summary.sender()), summary.level(),
        summary.clearSubject().orElse(null), summary.fileCount(),
        summary.state() == DeliveryState.WITHDRAWN);
  }

  private static Optional<DeliverySummary> find(
      Function<PageRequest, Page<DeliverySummary>> list, DeliveryId id) {
    Optional<PageRequest> request = Optional.of(PageRequest.first(PAGE));
    while (request.isPresent()) {
      Page<DeliverySummary> page = list.apply(request.get());
      Optional<DeliverySummary> match = page.items().stream()
          .filter(d -> d.id().equals(id)).findFirst();
      if (match.isPresent()) {
        return match;
      }
      request = page.next(PAGE);
    }
    return Optional.empty();
  }
}
