package dev.secupass.samples.cli.mail;

import dev.secupass.api.DeliveryId;
import dev.secupass.core.delivery.LinkToken;

/**
 * The links in the sample's e-mails. A token travels after {@code #}, the part of a URL that
 * browsers do not send to servers or put in logs.
 *
 * <ul>
 *   <li>{@code https://portal.example/d/<delivery>#<token>}: a level-1 delivery link;
 *   <li>{@code https://portal.example/invite#<token>}: a guest's invitation;
 *   <li>{@code https://portal.example/inbox/<delivery>}: a delivery in an employee's or partner's
 *       inbox (no token: they sign in).
 * </ul>
 */
public final class Links {
  /** Where the sample pretends its portal is. */
  public static final String PORTAL = "https://portal.example";

  private static final String DELIVERY = PORTAL + "/d/";
  private static final String INVITATION = PORTAL + "/invite#";

  private Links() {}

  /** A level-1 delivery link, token included. */
  public static String delivery(DeliveryId id, LinkToken token) {
    return DELIVERY + id.value() + "#" + token.reveal();
  }

  /** A guest's invitation link, token included. */
  public static String invitation(LinkToken token) {
    return INVITATION + token.reveal();
  }

  /** A delivery in a signed-in user's inbox. */
  public static String inbox(DeliveryId id) {
    return PORTAL + "/inbox/" + id.value();
  }

  /**
   * A level-1 delivery link taken apart.
   *
   * @param delivery the delivery
   * @param token its link token
   */
  public record DeliveryLink(DeliveryId delivery, LinkToken token) {}

  /**
   * Parses a level-1 delivery link.
   *
   * @throws IllegalArgumentException if it is not one (the message does not repeat the link)
   */
  public static DeliveryLink parseDelivery(String link) {
    String text = link.strip();
    int hash = text.indexOf('#');
    if (!text.startsWith(DELIVERY) || hash < 0) {
      throw new IllegalArgumentException("a delivery link looks like " + DELIVERY
          + "<delivery>#<token>");
    }
    return new DeliveryLink(DeliveryId.of(text.substring(DELIVERY.length(), hash)),
        LinkToken.parse(text.substring(hash + 1)));
  }

  /**
   * Parses an invitation link (or its bare token).
   *
   * @throws IllegalArgumentException if it is neither
   */
  public static LinkToken parseInvitation(String link) {
    String text = link.strip();
    return LinkToken.parse(text.startsWith(INVITATION)
        ? text.substring(INVITATION.length())
        : text);
  }
}
