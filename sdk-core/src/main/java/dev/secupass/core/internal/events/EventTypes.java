package dev.secupass.core.internal.events;

/**
 * The type names the SDK records in the outbox ({@link dev.secupass.spi.Event#type()}) and the
 * names of their payload entries ({@code docs/deliveries.md}, "Event payload"). Each type decodes
 * to one {@link dev.secupass.core.events.HostEvent} record; a type this version does not know
 * decodes to {@link dev.secupass.core.events.Unrecognized}.
 */
public final class EventTypes {
  /** {@link dev.secupass.core.events.DeliveryReceived}. */
  public static final String DELIVERY_NEW = "delivery.new";
  /** {@link dev.secupass.core.events.SecuPassRequired}. */
  public static final String SECUPASS_REQUIRED = "secupass.required";
  /** {@link dev.secupass.core.events.GrantReady}. */
  public static final String GRANT_READY = "grant.ready";
  /** {@link dev.secupass.core.events.DeliveryReleased}. */
  public static final String DELIVERY_RELEASED = "delivery.released";
  /** {@link dev.secupass.core.events.DeliveryDownloaded}. */
  public static final String DELIVERY_DOWNLOADED = "delivery.downloaded";
  /** {@link dev.secupass.core.events.DeliveryExpired}. */
  public static final String DELIVERY_EXPIRED = "delivery.expired";
  /** {@link dev.secupass.core.events.RoomInvitation}. */
  public static final String ROOM_MEMBER_ADDED = "room.member_added";
  /** {@link dev.secupass.core.events.RoomAccessGranted}. */
  public static final String ROOM_ACCESS_GRANTED = "room.access_granted";
  /** {@link dev.secupass.core.events.RoomMemberRemoved}. */
  public static final String ROOM_MEMBER_REMOVED = "room.member_removed";
  /** {@link dev.secupass.core.events.FirstContactRefused}. */
  public static final String FIRST_CONTACT_REFUSED = "first_contact.refused";
  /** {@link dev.secupass.core.events.InvitationReused}. */
  public static final String INVITATION_REUSED = "invitation.reused";
  /** {@link dev.secupass.core.events.KeyLogAlarmRaised}. */
  public static final String KEY_LOG_ALARM = "keylog.alarm";

  /** Entry: the delivery's id. */
  public static final String DELIVERY = "delivery";
  /** Person: the sender. */
  public static final String SENDER = "sender";
  /** Person: the recipient who waits. */
  public static final String RECIPIENT = "recipient";
  /** Entry: the security level, 1-4. */
  public static final String LEVEL = "level";
  /** Entry: the subject (levels 1-3). */
  public static final String SUBJECT = "subject";
  /** Entry: a grant's target, {@code "delivery:<id>"} or {@code "room:<id>"}. */
  public static final String TARGET = "target";
  /** Person: who downloaded (absent for a link). */
  public static final String DOWNLOADER = "downloader";
  /** Entry: the file's id. */
  public static final String FILE = "file";
  /** Entry: the file's name (levels 1-3). */
  public static final String FILE_NAME = "file_name";
  /** Entry: the room's id. */
  public static final String ROOM = "room";
  /** Person: the member who made a room change. */
  public static final String BY = "by";
  /** Entry: a new member's role, lower case ({@code owner}, {@code manager}, ...). */
  public static final String ROLE = "role";
  /** Entry: {@code granted} (the key was wrapped at once) or {@code queued}. */
  public static final String ACCESS = "access";
  /** Person (kind and address only; the user id is the event's audience): who is told. */
  public static final String AUDIENCE = "audience";
  /** Entry: why a first contact was refused ({@code binding_missing}, {@code binding_wrong}). */
  public static final String REASON = "reason";
  /** Person: the guest an invitation is for. */
  public static final String GUEST = "guest";
  /** Entry: what a key log alarm found, {@code KeyLogAlarm.Kind} in lower case. */
  public static final String ALARM = "alarm";
  /** Entry: the key log entry an alarm is about, or -1. */
  public static final String ENTRY = "entry";
  /** Sealed entry: a level-1 link token. */
  public static final String LINK_TOKEN = "link_token";
  /** Sealed entry: a guest's invitation token. */
  public static final String INVITATION_TOKEN = "invitation_token";

  private EventTypes() {}
}
