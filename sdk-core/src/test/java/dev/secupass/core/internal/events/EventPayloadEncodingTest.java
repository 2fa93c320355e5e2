package dev.secupass.core.internal.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secupass.api.IntegrityException;
import dev.secupass.core.internal.format.ByteWriter;
import dev.secupass.core.internal.format.FormatPrefix;
import org.junit.jupiter.api.Test;

/**
 * An event payload has one encoding: whoever writes the outbox cannot add a second entry of a name
 * (a second {@code delivery} or {@code sender} that a reader taking the last one would believe),
 * nor reorder clear and sealed entries.
 */
class EventPayloadEncodingTest {
  private static ByteWriter payload(int count) {
    return FormatPrefix.write(new ByteWriter(), FormatPrefix.Kind.EVENT_PAYLOAD).u16(count);
  }

  @Test
  void decode_whatEncodeWrote_isTheSamePayload() {
    EventPayload payload = EventPayload.builder().put("delivery", "d1").put("sender", "alice")
        .sealed("link_token", new byte[] {1, 2}).build();

    EventPayload decoded = EventPayload.decode(payload.encode());

    assertThat(decoded.clear()).isEqualTo(payload.clear());
    assertThat(decoded.sealed("link_token")).contains(new byte[] {1, 2});
    assertThat(decoded.encode()).isEqualTo(payload.encode());
  }

  @Test
  void decode_repeatedClearName_isDamage() {
    byte[] twice = payload(2).string("delivery").u8(0).string("d1")
        .string("delivery").u8(0).string("d2").toByteArray();

    assertThatThrownBy(() -> EventPayload.decode(twice)).isInstanceOf(IntegrityException.class)
        .hasMessageContaining("repeats its entry delivery");
  }

  @Test
  void decode_nameBothClearAndSealed_isDamage() {
    byte[] both = payload(2).string("subject").u8(0).string("hello")
        .string("subject").u8(1).u16(1).u8(7).toByteArray();

    assertThatThrownBy(() -> EventPayload.decode(both)).isInstanceOf(IntegrityException.class);
  }

  @Test
  void decode_clearEntryAfterASealedOne_isDamage() {
    byte[] reordered = payload(2).string("link_token").u8(1).u16(1).u8(7)
        .string("delivery").u8(0).string("d1").toByteArray();

    assertThatThrownBy(() -> EventPayload.decode(reordered))
        .isInstanceOf(IntegrityException.class)
        .hasMessageContaining("clear entry after its sealed ones");
  }
}
