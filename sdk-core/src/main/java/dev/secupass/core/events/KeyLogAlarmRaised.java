package dev.secupass.core.events;

import dev.secupass.api.EventId;
import dev.secupass.api.Person;
import dev.secupass.core.keylog.KeyLogAlarm;
import java.time.Instant;
import java.util.Objects;

/**
 * For the user whose SDK checked the key transparency log and found something wrong: at an unlock
 * (a key of theirs they did not make, a rewritten log), or when it compared its checkpoint with
 * the one a correspondent published (a split view): tell them, and alert the host's operators.
 *
 * @param id the event, to {@linkplain Events#acknowledge acknowledge} it
 * @param at when it was found
 * @param audience the user
 * @param kind what was found
 * @param entry the log entry concerned, or -1
 */
public record KeyLogAlarmRaised(EventId id, Instant at, Person audience, KeyLogAlarm.Kind kind,
    long entry) implements HostEvent {
  public KeyLogAlarmRaised {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(audience, "audience");
    Objects.requireNonNull(kind, "kind");
  }
}
