package dev.secupass.samples.spring;

import dev.secupass.core.delivery.LinkToken;
import dev.secupass.core.events.DeliveryReceived;
import dev.secupass.core.events.DeliveryReleased;
import dev.secupass.core.events.HostEvent;
import dev.secupass.core.events.SecuPassRequired;
import dev.secupass.spring.SecuPassEventListener;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The sample's stand-in for a mail server: the starter's event relay hands it every event, and it
 * keeps the mail each would become, by recipient address, for {@code GET /api/mail/{address}}. A
 * real host sends it instead (the invitation link carries the token in the URL).
 */
@Component
public class MailOutbox implements SecuPassEventListener {
  /** One mail: what happened, the delivery, and the guest's invitation token if any. */
  public record Mail(String kind, String delivery, @Nullable String invitation) {}

  private final Map<String, List<Mail>> byAddress = new ConcurrentHashMap<>();

  @Override
  public void onEvent(HostEvent event) {
    String address = event.audience().address().orElse(event.audience().user().value());
    Mail mail;
    if (event instanceof DeliveryReceived received) {
      mail = new Mail("delivery-received", received.delivery().value(),
          received.invitation().map(LinkToken::reveal).orElse(null));
    } else if (event instanceof SecuPassRequired required) {
      mail = new Mail("secupass-required", required.delivery().value(), null);
    } else if (event instanceof DeliveryReleased released) {
      mail = new Mail("delivery-released", released.delivery().value(), null);
    } else {
      mail = new Mail(event.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1-$2")
          .toLowerCase(Locale.ROOT), "", null);
    }
    byAddress.computeIfAbsent(address, a -> new CopyOnWriteArrayList<>()).add(mail);
  }

  /** The mail for {@code address}, oldest first. */
  public List<Mail> forAddress(String address) {
    return List.copyOf(byAddress.getOrDefault(address, List.of()));
  }
}
