package dev.secupass.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.api.EventId;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import dev.secupass.core.SecuPassSdk;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.delivery.Addressee;
import dev.secupass.core.delivery.DeliveryDraft;
import dev.secupass.core.events.DeliveryReceived;
import dev.secupass.core.events.HostEvent;
import dev.secupass.core.events.SecuPassRequired;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassSession;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The grant poller and the event relay as lifecycle beans: they run while the context runs, the
 * relay hands typed events to the application's listeners and acknowledges them, a refused event
 * comes back, and both stop cleanly with the context.
 */
class LifecycleTest {
  @TempDir Path dir;

  @Test
  void relayHandsTypedEventsToListenersAndStopsWithTheContext() throws Exception {
    List<HostEvent> seen = new CopyOnWriteArrayList<>();
    String run = TestHost.run();
    TestHost.embedded(dir).withPropertyValues("secupass.events.relay.interval=100ms")
        .withBean("mailer", SecuPassEventListener.class, () -> seen::add)
        .run(context -> {
          SecuPassEventRelay relay = context.getBean(SecuPassEventRelay.class);
          SecuPassGrantPoller poller = context.getBean(SecuPassGrantPoller.class);
          assertThat(relay.isRunning()).isTrue();
          assertThat(poller.isRunning()).isTrue();
          sendToNewGuest(context.getBean(SecuPassSdk.class), run, 1);

          await(() -> seen.stream().anyMatch(SecuPassRequired.class::isInstance)
              && seen.stream().anyMatch(DeliveryReceived.class::isInstance));
          DeliveryReceived mail = seen.stream().filter(DeliveryReceived.class::isInstance)
              .map(DeliveryReceived.class::cast).findFirst().orElseThrow();
          assertThat(mail.audience().address()).hasValue("gina-" + run + "-0@example.org");
          assertThat(mail.invitation()).isPresent();
          await(() -> relay.acknowledged() == seen.size());
          assertThat(context.getBean(SecuPassSdk.class).events().claim(10)).isEmpty();

          context.close();
          assertThat(relay.isRunning()).isFalse();
          assertThat(poller.isRunning()).isFalse();
          assertThat(relayThreads()).isZero();
        });
  }

  @Test
  void aRefusedEventComesBackAndIsAcknowledgedOnceHandled() throws Exception {
    ConcurrentHashMap<EventId, Integer> attempts = new ConcurrentHashMap<>();
    AtomicBoolean refuse = new AtomicBoolean(true);
    TestHost.embedded(dir).withPropertyValues("secupass.events.relay.interval=100ms")
        .withBean("flakyMailer", SecuPassEventListener.class, () -> event -> {
          attempts.merge(event.id(), 1, Integer::sum);
          if (refuse.getAndSet(false)) {
            throw new IllegalStateException("the mail server is down");
          }
        })
        .run(context -> {
          SecuPassSdk sdk = context.getBean(SecuPassSdk.class);
          SecuPassEventRelay relay = context.getBean(SecuPassEventRelay.class);
          sendToNewGuest(sdk, TestHost.run(), 1);
          await(() -> relay.acknowledged() == attempts.size() && attempts.size() >= 2);
          assertThat(attempts.values()).contains(2);
          assertThat(attempts.values().stream().mapToInt(Integer::intValue).sum())
              .isEqualTo(attempts.size() + 1);
          assertThat(sdk.events().claim(10)).isEmpty();
        });
  }

  @Test
  void stopFinishesTheEventInHandAndReleasesTheRestAtOnce() throws Exception {
    CountDownLatch inListener = new CountDownLatch(1);
    CountDownLatch letGo = new CountDownLatch(1);
    List<HostEvent> handled = new CopyOnWriteArrayList<>();
    String run = TestHost.run();
    // Events exist before the relay starts: the first context has no listener.
    TestHost.embedded(dir).run(context -> sendToNewGuest(context.getBean(SecuPassSdk.class),
        run, 3));
    TestHost.embedded(dir).withPropertyValues("secupass.events.relay.batch-size=100")
        .withBean("slowMailer", SecuPassEventListener.class, () -> event -> {
          inListener.countDown();
          letGo.await();
          handled.add(event);
        })
        .run(context -> {
          assertThat(inListener.await(30, TimeUnit.SECONDS)).isTrue();
          Thread closer = new Thread(((ConfigurableApplicationContext) context)::close);
          closer.start();
          Thread.sleep(200);
          assertThat(closer.isAlive()).as("stop waits for the event in hand").isTrue();
          letGo.countDown();
          closer.join(30_000);
          assertThat(closer.isAlive()).isFalse();
          assertThat(handled).hasSize(1);
          assertThat(relayThreads()).isZero();
        });
    // The rest was released, not left to its 2-minute lease: a new node claims it at once.
    TestHost.embedded(dir).run(context -> {
      List<HostEvent> rest = context.getBean(SecuPassSdk.class).events().claim(100);
      assertThat(rest).hasSizeGreaterThanOrEqualTo(5)
          .noneMatch(e -> e.id().equals(handled.get(0).id()));
    });
  }

  @Test
  void noListenerNoRelay_andBothCanBeSwitchedOff() {
    TestHost.embedded(dir).run(context -> {
      assertThat(context).doesNotHaveBean(SecuPassEventRelay.class);
      assertThat(context).hasSingleBean(SecuPassGrantPoller.class);
    });
    TestHost.embedded(dir).withPropertyValues("secupass.events.relay.enabled=false",
            "secupass.grants.polling.enabled=false")
        .withBean(SecuPassEventListener.class, () -> event -> { })
        .run(context -> {
          assertThat(context).doesNotHaveBean(SecuPassEventRelay.class);
          assertThat(context).doesNotHaveBean(SecuPassGrantPoller.class);
        });
  }

  @Test
  void grantPollerUsesTheConfiguredInterval() {
    TestHost.embedded(dir).withPropertyValues("secupass.grants.polling.interval=250ms")
        .run(context -> {
          SecuPassGrantPoller poller = context.getBean(SecuPassGrantPoller.class);
          assertThat(poller.interval()).isEqualTo(Duration.ofMillis(250));
          assertThat(poller.isRunning()).isTrue();
          poller.stop();
          assertThat(poller.isRunning()).isFalse();
          poller.start();
          assertThat(poller.isRunning()).isTrue();
        });
  }

  /** Alice sends {@code count} level-3 deliveries, each to a new guest: 2 events each. */
  static void sendToNewGuest(SecuPassSdk sdk, String run, int count) {
    UserId alice = UserId.of("alice-" + run);
    try (SecuPass pass = SecuPass.of("alice's long SecuPass " + run);
        SecuPassSession session = sdk.secuPass().activate(alice, pass)) {
      for (int i = 0; i < count; i++) {
        sdk.deliveries().send(SignedInUser.employee(alice), session, DeliveryDraft.builder()
            .level(SecurityLevel.SECRET).subject("Contract " + i).message("Please sign.")
            .to(Addressee.guest("gina-" + run + "-" + i + "@example.org"))
            .file("contract.txt", new ByteArrayInputStream(new byte[] {1, 2, 3})).build());
      }
    }
  }

  static long relayThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("secupass-event-relay") && t.isAlive()).count();
  }

  static void await(BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(30);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not within 30 seconds");
      }
      Thread.sleep(20);
    }
  }
}
