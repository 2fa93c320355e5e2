package dev.secupass.core.events;

import static dev.secupass.core.testing.SdkFixture.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.EventId;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.Person;
import dev.secupass.api.PrincipalKind;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UnsupportedFormatException;
import dev.secupass.api.UserId;
import dev.secupass.core.SecuPassSdk;
import dev.secupass.core.delivery.Addressee;
import dev.secupass.core.delivery.LinkToken;
import dev.secupass.core.delivery.SentDelivery;
import dev.secupass.core.internal.events.EventPayload;
import dev.secupass.core.internal.events.EventSecrets;
import dev.secupass.core.internal.events.EventTypes;
import dev.secupass.core.testing.SdkFixture;
import dev.secupass.spi.Event;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class EventsTest {
  private final SdkFixture f = new SdkFixture();

  private SentDelivery sendLinkTo(String... users) {
    Addressee[] to = Arrays.stream(users).map(u -> Addressee.employee(UserId.of(u), ""))
        .toArray(Addressee[]::new);
    return f.sdk.deliveries().send(SdkFixture.employee("alice"),
        draft(SecurityLevel.LINK, "x", to).build());
  }

  @Test
  void claim_handsOutEachPendingEventOnceWhileItsLeaseRuns_andAgainAfterIt() {
    SentDelivery sent = sendLinkTo("bob", "carol");

    List<HostEvent> first = f.sdk.events().claim(10);
    assertThat(first).hasSize(2).allSatisfy(event ->
        assertThat(event).isInstanceOfSatisfying(DeliveryReceived.class, received -> {
          assertThat(received.delivery()).isEqualTo(sent.id());
          assertThat(received.level()).isEqualTo(SecurityLevel.LINK);
          assertThat(received.sender()).isEqualTo(new Person(UserId.of("alice"),
              PrincipalKind.EMPLOYEE, null));
        }));
    assertThat(f.sdk.events().claim(10)).isEmpty();

    f.clock.advance(Duration.ofMinutes(2));

    assertThat(f.sdk.events().claim(10)).extracting(HostEvent::id)
        .containsExactlyElementsOf(first.stream().map(HostEvent::id).toList());
  }

  @Test
  void acknowledge_removesAnEventForGood_andIsIdempotent() {
    sendLinkTo("bob", "carol");
    List<HostEvent> claimed = f.sdk.events().claim(10);

    f.sdk.events().acknowledge(claimed.get(0).id());
    f.sdk.events().acknowledge(claimed.get(0).id());
    f.clock.advance(Duration.ofMinutes(3));

    assertThat(f.sdk.events().claim(10)).extracting(HostEvent::id)
        .containsExactly(claimed.get(1).id());
  }

  @Test
  void release_handsAnEventBackAtOnce_butOnlyOneThisSdkHolds() {
    sendLinkTo("bob");
    HostEvent claimed = f.sdk.events().claim(10).get(0);
    SecuPassSdk otherNode = SecuPassSdk.builder().storage(f.storage).blobStore(f.blobs)
        .atRestKey(f.atRestKey).clock(f.clock).build();

    otherNode.events().release(claimed.id());
    assertThat(otherNode.events().claim(10)).isEmpty();

    f.sdk.events().release(claimed.id());
    assertThat(otherNode.events().claim(10)).extracting(HostEvent::id)
        .containsExactly(claimed.id());
    otherNode.close();
  }

  @Test
  void twoNodesRelayingAtOnce_neverHandOutTheSameEvent() throws Exception {
    for (int i = 0; i < 20; i++) {
      sendLinkTo("bob" + i);
    }
    List<SecuPassSdk> nodes = List.of(f.sdk, SecuPassSdk.builder().storage(f.storage)
        .blobStore(f.blobs).atRestKey(f.atRestKey).clock(f.clock).build());
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<List<EventId>>> relayed = new ArrayList<>();
    for (SecuPassSdk node : nodes) {
      Callable<List<EventId>> relay = () -> {
        go.await();
        List<EventId> mailed = new ArrayList<>();
        List<HostEvent> batch;
        while (!(batch = node.events().claim(3)).isEmpty()) {
          batch.forEach(event -> mailed.add(event.id()));
        }
        return mailed;
      };
      relayed.add(pool.submit(relay));
    }
    go.countDown();
    List<EventId> all = new ArrayList<>();
    for (Future<List<EventId>> node : relayed) {
      all.addAll(node.get());
    }
    pool.shutdown();
    nodes.get(1).close();

    assertThat(all).hasSize(20).doesNotHaveDuplicates();
  }

  @Test
  void guestInvitation_carriesTheGuestsAddressAndTheToken_neverInToString() {
    SentDelivery sent = f.sdk.deliveries().send(SdkFixture.employee("alice"),
        draft(SecurityLevel.LOGIN, "x", Addressee.guest("Gina@Example.org")).build());

    DeliveryReceived event = (DeliveryReceived) f.sdk.events().claim(10).get(0);

    assertThat(event.audience().isGuest()).isTrue();
    assertThat(event.audience().displayName()).isEqualTo("gina@example.org");
    assertThat(event.audience().user()).isEqualTo(sent.recipients().get(0).user());
    assertThat(event.clearSubject()).contains("Quarterly report");
    assertThat(event.link()).isEmpty();
    LinkToken invitation = event.invitation().orElseThrow();
    assertThat(f.sdk.guests().arrive(invitation).delivery()).isEqualTo(sent.id());
    assertThat(event.toString()).doesNotContain(invitation.reveal());
  }

  @Test
  void unknownType_decodesAsUnrecognized_andDoesNotBlockTheOthers() {
    sendLinkTo("bob");
    Event future = new Event(EventId.of("from-a-newer-version"), "delivery.teleported",
        UserId.of("bob"), EventPayload.builder().put("delivery", "d1").build().encode(),
        f.clock.instant());
    f.memory.events().append(future);

    List<HostEvent> claimed = f.sdk.events().claim(10);

    assertThat(claimed).hasSize(2);
    assertThat(claimed.get(1)).isEqualTo(new Unrecognized(future.id(), future.createdAt(),
        Person.of(UserId.of("bob")), "delivery.teleported"));
  }

  @Test
  void damagedPayload_decodesAsUnrecognized_andDoesNotBlockTheOthers() {
    Event damaged = new Event(EventId.of("damaged"), EventTypes.DELIVERY_NEW, UserId.of("bob"),
        new byte[] {1, 2, 3}, f.clock.instant());
    f.memory.events().append(damaged);
    sendLinkTo("carol");

    List<HostEvent> claimed = f.sdk.events().claim(10);

    assertThat(claimed.get(0)).isInstanceOf(Unrecognized.class);
    assertThat(((Unrecognized) claimed.get(0)).type()).isEqualTo(EventTypes.DELIVERY_NEW);
    assertThat(claimed.get(1)).isInstanceOf(DeliveryReceived.class);
  }

  @Test
  void payload_roundTripsPeopleAndRejectsDamage() {
    Person gina = Person.guest(UserId.of("guest-1"), "gina@example.org");
    byte[] encoded = EventPayload.builder().put("delivery", "d1").put("subject", "Grüße")
        .person("recipient", gina).sealed("link_token", new byte[] {1, 2, 3}).build().encode();

    EventPayload decoded = EventPayload.decode(encoded);
    assertThat(decoded.get("subject")).contains("Grüße");
    assertThat(decoded.person("recipient")).contains(gina);
    assertThat(decoded.person("sender")).isEmpty();
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
    byte[] sealed = EventSecrets.seal(f.atRestKey, one, EventTypes.LINK_TOKEN, token);

    assertThat(EventSecrets.open(f.atRestKey, one, EventTypes.LINK_TOKEN, sealed))
        .isEqualTo(token);
    assertThatThrownBy(() -> EventSecrets.open(f.atRestKey, EventId.of("two"),
        EventTypes.LINK_TOKEN, sealed)).isInstanceOf(IntegrityException.class);
    assertThatThrownBy(() -> EventSecrets.open(f.atRestKey, one, EventTypes.INVITATION_TOKEN,
        sealed)).isInstanceOf(IntegrityException.class);
  }

  @Test
  void linkToken_inAnEvent_isTheSendersToken() {
    SentDelivery sent = sendLinkTo("bob");
    LinkToken fromEvent = f.event(UserId.of("bob"), DeliveryReceived.class).link()
        .orElseThrow();

    assertThat(fromEvent.matches(sent.linkToken().orElseThrow().hash())).isTrue();
  }
}
