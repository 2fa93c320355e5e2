package dev.secupass.samples.web.pages;

import dev.secupass.api.GrantId;
import dev.secupass.api.Person;
import dev.secupass.core.keys.SafetyWords;
import java.util.Objects;

/**
 * A first contact the SDK's default policy holds for the granter (a delivery's sender, a room's
 * owner or manager): the recipient's keys were never verified, so the page shows the safety words
 * of the keys stored for them and asks for the words the recipient reads out. The form posts them
 * to {@code POST /grants/confirm}; only the same words release the delivery or give the room key.
 */
public final class FirstContactForm {
  private FirstContactForm() {}

  /**
   * A held first contact.
   *
   * @param grant the grant waiting
   * @param recipient who waits
   * @param presented the safety words of the keys stored for them now
   */
  public record Held(GrantId grant, Person recipient, SafetyWords presented) {
    public Held {
      Objects.requireNonNull(grant, "grant");
      Objects.requireNonNull(recipient, "recipient");
      Objects.requireNonNull(presented, "presented");
    }
  }

  /**
   * The notice and form for {@code held}.
   *
   * @param who the recipient's name
   * @param outcome what the same words do ("the delivery is released")
   * @param field {@code delivery} or {@code room}: what the confirmation returns to
   * @param id that delivery's or room's id
   */
  static String render(Viewer viewer, Held held, String who, String outcome, String field,
      String id) {
    String name = Html.esc(who);
    return "<div class=\"notice first-contact\" id=\"first-contact\" data-recipient=\""
        + Html.esc(held.recipient().user().value()) + "\"><p>Nobody has verified " + name
        + "'s new keys yet. Their safety words are <strong id=\"presented\">"
        + Html.esc(held.presented().toString()) + "</strong>. Ask " + name + " to read theirs"
        + " to you (by phone or in person, not by e-mail) and type them: " + outcome
        + " only if they are the same.</p><form method=\"post\" action=\"/grants/confirm\">"
        + viewer.csrfField() + "<input type=\"hidden\" name=\"grant\" value=\""
        + Html.esc(held.grant().value()) + "\"><input type=\"hidden\" name=\"" + Html.esc(field)
        + "\" value=\"" + Html.esc(id) + "\"><label>The words " + name + " reads out"
        + " <input name=\"words\" id=\"words\" size=\"80\" autocomplete=\"off\""
        + " spellcheck=\"false\" required></label><button type=\"submit\" id=\"confirm\">"
        + "Confirm and " + (field.equals("room") ? "grant the key" : "release") + "</button>"
        + "</form></div>";
  }
}
