package dev.secupass.core.events;

/**
 * The types of the events the SDK records for the host ({@link HostEvent#type()}), with the
 * attributes each carries. Data rooms add their own types.
 */
public final class EventTypes {
  /**
   * A delivery for the audience (a recipient): {@code delivery}, {@code sender}, {@code level},
   * {@code subject} (levels 1-3 only); a level-1 delivery's {@link HostEvent#linkToken()}; a guest's
   * {@link HostEvent#invitationToken()} at levels 2-4.
   */
  public static final String DELIVERY_NEW = "delivery.new";

  /**
   * The audience (a recipient) must choose a SecuPass before they can open {@code delivery} from
   * {@code sender}; the UI shows the activation dialog.
   */
  public static final String SECUPASS_REQUIRED = "secupass.required";

  /**
   * For a granter: {@code recipient} activated (or reset) their SecuPass and waits for the key of
   * {@code target} ({@code "delivery:<id>"} or {@code "room:<id>"}; {@code delivery} too for a
   * delivery). The granter's next unlock releases it.
   */
  public static final String GRANT_READY = "grant.ready";

  /** For a recipient: {@code delivery} from {@code sender} can now be opened. */
  public static final String DELIVERY_RELEASED = "delivery.released";

  /**
   * For the sender: {@code delivery} was opened for download by {@code downloader} (a user id, or
   * absent for a level-1 link).
   */
  public static final String DELIVERY_DOWNLOADED = "delivery.downloaded";

  /** For the sender: {@code delivery} expired and its files were deleted. */
  public static final String DELIVERY_EXPIRED = "delivery.expired";

  private EventTypes() {}
}
