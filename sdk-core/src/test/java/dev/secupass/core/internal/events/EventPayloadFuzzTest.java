package dev.secupass.core.internal.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.secupass.api.Person;
import dev.secupass.api.PrincipalKind;
import dev.secupass.api.UserId;
import dev.secupass.core.testing.Fuzz;
import java.util.Optional;

/**
 * Event payloads as read from the outbox: any bytes fail with a damage exception or decode to a
 * payload that encodes back the same (one encoding per payload, so no entry can be shadowed by a
 * second one of the same name), and the people it names read without an untyped failure.
 */
class EventPayloadFuzzTest {
  static final EventPayload PAYLOAD = EventPayload.builder()
      .put("delivery", "d1")
      .person("sender", new Person(UserId.of("alice"), PrincipalKind.EMPLOYEE, "alice@example.com"))
      .sealed("subject", new byte[] {1, 2, 3, 4})
      .build();
  static final byte[] ENCODED = PAYLOAD.encode();

  @FuzzTest(maxDuration = "24h")
  void anyPayload_failsOrEncodesBackTheSame(byte[] data) {
    Optional<EventPayload> payload = Fuzz.decode(data.length, () -> {
      EventPayload decoded = EventPayload.decode(data);
      for (String name : decoded.clear().keySet()) {
        decoded.person(name);
      }
      return decoded;
    });

    payload.ifPresent(decoded -> assertThat(decoded.encode()).isEqualTo(data));
  }
}
