package dev.secupass.core.events;

import dev.secupass.api.EventId;
import dev.secupass.api.Person;
import java.time.Instant;

/**
 * An event for the host to turn into an e-mail or a notice, one record per kind, each carrying what
 * the host needs to act: who to tell ({@link #audience()}, with a guest's e-mail address), who
 * else took part (as {@link Person}s), the delivery or room, and for a new delivery the link or
 * invitation token. The people are recorded as they were when the change happened.
 *
 * <table>
 *   <caption>The kinds of events</caption>
 *   <tr><th>record</th><th>audience</th></tr>
 *   <tr><td>{@link DeliveryReceived}</td><td>each recipient</td></tr>
 *   <tr><td>{@link SecuPassRequired}</td><td>a recipient at levels 3-4 without a SecuPass</td></tr>
 *   <tr><td>{@link GrantReady}</td><td>the granter(s)</td></tr>
 *   <tr><td>{@link DeliveryReleased}</td><td>a recipient who waited</td></tr>
 *   <tr><td>{@link DeliveryDownloaded}</td><td>the sender</td></tr>
 *   <tr><td>{@link DeliveryExpired}</td><td>the sender</td></tr>
 *   <tr><td>{@link RoomInvitation}</td><td>an added member</td></tr>
 *   <tr><td>{@link RoomAccessGranted}</td><td>a member who waited</td></tr>
 *   <tr><td>{@link RoomMemberRemoved}</td><td>a removed member</td></tr>
 *   <tr><td>{@link FirstContactRefused}</td><td>the sender</td></tr>
 *   <tr><td>{@link InvitationReused}</td><td>the sender</td></tr>
 *   <tr><td>{@link KeyLogAlarmRaised}</td><td>a user whose key log check failed</td></tr>
 *   <tr><td>{@link Unrecognized}</td><td>anyone: an event this version cannot read</td></tr>
 * </table>
 *
 * <p>Room names are end-to-end encrypted and never appear in events; subjects and file names
 * appear only at levels 1-3. Secrets (link and invitation tokens) never appear in {@code
 * toString()}.
 */
public sealed interface HostEvent permits DeliveryReceived, SecuPassRequired, GrantReady,
    DeliveryReleased, DeliveryDownloaded, DeliveryExpired, RoomInvitation, RoomAccessGranted,
    RoomMemberRemoved, FirstContactRefused, InvitationReused, KeyLogAlarmRaised, Unrecognized {

  /** The event, to {@linkplain Events#acknowledge acknowledge} it. */
  EventId id();

  /** When the change it reports happened. */
  Instant at();

  /** Who should be told. */
  Person audience();
}
