package dev.secupass.core.events;

import static dev.secupass.core.testing.SdkFixture.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.EventId;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UnsupportedFormatException;
import dev.secupass.api.UserId;
import dev.secupass.core.delivery.Addressee;
import dev.secupass.core.delivery.LinkToken;
import dev.secupass.core.delivery.SentDelivery;
import dev.secupass.core.internal.events.EventPayload;
import dev.secupass.core.internal.events.EventSecrets;
import dev.secupass.core.testing.SdkFixture;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventsTest {
  private final SdkFixture f = new SdkFixture();

  @Test
  void events_stayPendingUntilAcknowledged_soEachIsHandedOutAtLeastOnce() {
    SentDelivery sent = f.sdk.deliveries().send(SdkFixture.employee("alice"),
        draft(SecurityLevel.LINK, "x", Addressee.employee(UserId.of("bob"), ""),
            Addressee.employee(UserId.of("carol"), "")).build());

    List<HostEvent> first = f.sdk.events().pending(10);
    List<HostEvent> again = f.sdk.events().pending(10);
    assertThat(first).extracting(HostEvent::type)
        .containsExactly(EventTypes.DELIVERY_NEW, EventTypes.DELIVERY_NEW);
    assertThat(again).extracting(HostEvent::id)
        .containsExactlyElementsOf(first.stream().map(HostEvent::id).toList());
    assertThat(first.get(0).delivery()).contains(sent.id());
    assertThat(first.get(0).attribute(HostEvent.LEVEL)).contains("1");

    f.sdk.events().acknowledge(first.get(0).id());
    f.sdk.events().acknowledge(first.get(0).id());

    assertThat(f.sdk.events().pending(10)).extracting(HostEvent::id)
        .containsExactly(first.get(1).id());
  }

  @Test
  void payload_roundTripsAndRejectsDamage() {
    byte[] encoded = EventPayload.builder().put("delivery", "d1").put("subject", "Grüße")
        .sealed("link_token", new byte[] {1, 2, 3}).build().encode();

    EventPayload decoded = EventPayload.decode(encoded);
    assertThat(decoded.get("subject")).contains("Grüße");
    assertThat(decoded.sealed("link_token")).contains(new byte[] {1, 2, 3});

    byte[] truncated = Arrays.copyOf(encoded, encoded.length - 1);
    assertThatThrownBy(() -> EventPayload.decode(truncated))
        .isInstanceOf(IntegrityException.class);
    byte[] future = encoded.clone();
    future[3] = 9;
    assertThatThrownBy(() -> EventPayload.decode(future))
        .isInstanceOf(UnsupportedFormatException.class);
    assertThatThrownBy(() -> EventPayload.builder().put("Bad Name", "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sealedSecret_opensOnlyForItsOwnEventAndEntry() {
    byte[] token = "token".getBytes(StandardCharsets.US_ASCII);
    EventId one = EventId.of("one");
    byte[] sealed = EventSecrets.seal(f.atRestKey, one, HostEvent.LINK_TOKEN, token);

    assertThat(EventSecrets.open(f.atRestKey, one, HostEvent.LINK_TOKEN, sealed))
        .isEqualTo(token);
    assertThatThrownBy(() -> EventSecrets.open(f.atRestKey, EventId.of("two"),
        HostEvent.LINK_TOKEN, sealed)).isInstanceOf(IntegrityException.class);
    assertThatThrownBy(() -> EventSecrets.open(f.atRestKey, one, HostEvent.INVITATION_TOKEN,
        sealed)).isInstanceOf(IntegrityException.class);
  }

  @Test
  void linkToken_inAnEvent_isTheSendersToken() {
    SentDelivery sent = f.sdk.deliveries().send(SdkFixture.employee("alice"),
        draft(SecurityLevel.LINK, "x", Addressee.employee(UserId.of("bob"), "")).build());
    LinkToken fromEvent = f.event(UserId.of("bob"), EventTypes.DELIVERY_NEW).linkToken()
        .orElseThrow();

    assertThat(fromEvent.matches(sent.linkToken().orElseThrow().hash())).isTrue();
  }
}
