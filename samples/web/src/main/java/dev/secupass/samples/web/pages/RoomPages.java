package dev.secupass.samples.web.pages;

import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.api.UserId;
import dev.secupass.core.rooms.RoomDetails;
import dev.secupass.core.rooms.RoomItem;
import dev.secupass.core.rooms.RoomMemberInfo;
import dev.secupass.samples.host.DirectoryUser;
import dev.secupass.samples.web.host.People;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Data rooms: the list of a user's rooms, and one room with its members and files. */
public final class RoomPages {
  /** The removal step's field and value: a removal posted without them removes nobody. */
  public static final String CONFIRM_FIELD = "confirmed";
  public static final String CONFIRMED = "yes";

  private RoomPages() {}

  /**
   * One line of the list.
   *
   * @param name the decrypted name, or {@code null} while the user waits for the room's key
   */
  public record Line(RoomId id, @Nullable String name, RoomRole role) {}

  public static String list(Viewer viewer, List<Line> rooms) {
    StringBuilder body = new StringBuilder("<p>A data room is a shared folder whose files, names")
        .append(" and room name are end-to-end encrypted to its members' SecuPass keys.</p>");
    if (rooms.isEmpty()) {
      body.append("<p id=\"no-rooms\">You are in no data room yet.</p>");
    } else {
      body.append("<table class=\"list\" id=\"rooms\"><tr><th>Room</th><th>Your role</th></tr>");
      for (Line room : rooms) {
        body.append("<tr><td>").append(room.name() == null
            ? "<em>(waiting for an owner or manager to grant you the key; if they ask, read them"
                + " your safety words from <a href=\"/settings\">Settings</a>)</em>"
            : "<a href=\"/rooms/" + Html.url(room.id().value()) + "\">" + Html.esc(room.name())
                + "</a>").append("</td><td>").append(role(room.role())).append("</td></tr>");
      }
      body.append("</table>");
    }
    body.append("<h2>New room</h2><form method=\"post\" action=\"/rooms\" id=\"create-room\">")
        .append(viewer.csrfField()).append("<label>Name <input name=\"name\" id=\"room-name\"")
        .append(" required maxlength=\"255\"></label><button type=\"submit\" id=\"create\">Create")
        .append("</button></form>");
    return Layout.serverPage(viewer, "Data rooms", body.toString());
  }

  /**
   * A room: its files, members and, for owners and managers, adding and removing members and the
   * first contacts that wait for their confirmation ({@code held}).
   */
  public static String room(Viewer viewer, RoomDetails room, List<RoomItem> items,
      List<DirectoryUser> directory, People people, long maxUpload,
      List<FirstContactForm.Held> held) {
    String base = "/rooms/" + Html.url(room.id().value());
    StringBuilder body = new StringBuilder("<p>Your role: ").append(role(room.role()))
        .append(" · key epoch ").append(room.epoch()).append("</p><h2>Files</h2>");
    if (items.isEmpty()) {
      body.append("<p id=\"no-files\">No files yet.</p>");
    } else {
      // data-room and data-file: the browser client downloads through its Service Worker.
      body.append("<ul class=\"files\" id=\"room-files\" data-room=\"")
          .append(Html.esc(room.id().value())).append("\">");
      for (RoomItem item : items) {
        body.append("<li>").append(item.isFolder() ? Html.esc(item.name()) + "/"
            : "<a class=\"download\" href=\"" + base + "/files/" + Html.url(item.id().value())
                + "\" data-file=\"" + Html.esc(item.id().value()) + "\" download>"
                + Html.esc(item.name()) + "</a> <span class=\"size\">" + Html.size(item.size())
                + "</span>").append("</li>");
      }
      body.append("</ul>");
    }
    if (room.role().writes()) {
      body.append("<form id=\"room-upload\" data-upload=\"").append(base).append("/upload\">")
          .append("<label>Add files (up to ").append(Html.size(maxUpload)).append(" each)")
          .append(" <input type=\"file\" id=\"room-files-input\" multiple required></label>")
          .append("<button type=\"submit\" id=\"upload\">Upload</button>")
          .append("<div id=\"upload-progress\" class=\"progress-list\"></div>")
          .append("<p class=\"error\" id=\"upload-error\" hidden></p></form>");
    }
    body.append("<h2>Members</h2><table class=\"list\" id=\"members\"><tr><th>Who</th>")
        .append("<th>Role</th><th>Key</th><th></th></tr>");
    Set<UserId> confirming = held.stream().map(h -> h.recipient().user())
        .collect(Collectors.toSet());
    for (RoomMemberInfo member : room.members()) {
      body.append("<tr><td>").append(Html.esc(people.name(member.member()))).append("</td><td>")
          .append(role(member.role())).append("</td><td>")
          .append(confirming.contains(member.user()) ? "waiting for you to confirm their safety"
              + " words" : member.awaitingKey() ? "waiting for their SecuPass" : "granted")
          .append("</td><td>");
      if (room.role().managesMembers() && member.role() != RoomRole.OWNER) {
        body.append("<a class=\"button small remove\" href=\"").append(base).append("/members/")
            .append(Html.url(member.user().value())).append("/remove\">Remove</a>");
      }
      body.append("</td></tr>");
    }
    body.append("</table>");
    for (FirstContactForm.Held contact : held) {
      body.append(FirstContactForm.render(viewer, contact, people.name(contact.recipient()),
          "they get the room key", "room", room.id().value()));
    }
    if (room.role().managesMembers()) {
      Set<UserId> members = room.members().stream().map(RoomMemberInfo::user)
          .collect(Collectors.toSet());
      body.append("<form method=\"post\" action=\"").append(base)
          .append("/members\" id=\"add-member\">").append(viewer.csrfField())
          .append("<label>Add <select name=\"member\" id=\"member\">");
      directory.stream().filter(u -> !members.contains(u.id())).forEach(u -> body
          .append("<option value=\"").append(Html.esc(u.id().value())).append("\">")
          .append(Html.esc(u.name())).append("</option>"));
      body.append("</select></label><label>as <select name=\"role\" id=\"role\">");
      for (RoomRole role : RoomRole.values()) {
        if (role != RoomRole.OWNER || room.role() == RoomRole.OWNER) {
          body.append("<option value=\"").append(role.name()).append("\"")
              .append(role == RoomRole.EDITOR ? " selected" : "").append(">")
              .append(role(role)).append("</option>");
        }
      }
      body.append("</select></label><button type=\"submit\" id=\"add\">Add member</button>")
          .append("</form><p class=\"hint\">Removing a member starts a new key epoch: what is")
          .append(" written afterwards is unreadable to them.</p>");
    }
    return Layout.serverPage(viewer, room.name(), body.toString());
  }

  /**
   * The step before removing {@code member} from {@code room}: what removing means, a button that
   * does it and a way back. A page of its own, so it works without script.
   */
  public static String confirmRemoval(Viewer viewer, RoomDetails room, UserId member,
      String name) {
    String base = "/rooms/" + Html.url(room.id().value());
    String who = Html.esc(name);
    String body = "<p id=\"removal-question\">Remove " + who + " from \u201c"
        + Html.esc(room.name()) + "\u201d?</p><p>" + who + " can no longer open the room. It gets a"
        + " new key epoch: what is written from now on is unreadable to " + who + "; what they"
        + " already downloaded stays with them.</p><form method=\"post\" action=\"" + base
        + "/members/" + Html.url(member.value()) + "/remove\" id=\"remove-member\">"
        + viewer.csrfField() + "<input type=\"hidden\" name=\"" + CONFIRM_FIELD + "\" value=\""
        + CONFIRMED + "\"><div class=\"actions\"><button type=\"submit\" id=\"confirm-remove\">"
        + "Remove " + who + "</button> <a href=\"" + base + "\" id=\"cancel-remove\">Cancel</a>"
        + "</div></form>";
    return Layout.page(viewer, "Remove " + name + "?", body);
  }

  private static String role(RoomRole role) {
    return role.name().toLowerCase(Locale.ROOT);
  }
}
