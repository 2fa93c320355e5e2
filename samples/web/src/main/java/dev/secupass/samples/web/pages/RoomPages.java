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

/**
 * Data rooms: the list of a user's rooms, and one room with its members and files. Two kinds of
 * page: the server's (the SDK runs the room with the user's server-side SecuPass session, when
 * levels 3 and 4 run on the server too) and, when the browser client runs in the page, shells that
 * hold only what the server knows without a key (ids, roles, members' names, the key epoch): the
 * page's script ({@code client.js}, "rooms") verifies the room, decrypts its name and files' names
 * and makes every change.
 */
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
      body.append(uploadForm(base, maxUpload));
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
      body.append(addForm(viewer, base, room.role(), directory.stream()
          .filter(u -> !members.contains(u.id())).toList()));
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
        + " already downloaded stays with them.</p>" + removalForm(viewer, base, member, who);
    return Layout.page(viewer, "Remove " + name + "?", body);
  }

  // ---- the browser client's shells ----------------------------------------------------------

  /** One room of the list, as the server knows it: its id and the user's role. */
  public record ClientLine(RoomId id, RoomRole role) {}

  /**
   * The list for the browser client: each room's name is decrypted in the page. {@code rooms} is
   * {@code null} for a user without a SecuPass: the page asks them to choose one.
   */
  public static String clientList(Viewer viewer, @Nullable List<ClientLine> rooms) {
    StringBuilder body = new StringBuilder("<p>A data room is a shared folder whose files, names")
        .append(" and room name are end-to-end encrypted to its members' SecuPass keys. This")
        .append(" browser opens them; the server sees neither names nor keys.</p>")
        .append("<div id=\"client-rooms\" data-secupass=\"").append(rooms == null ? "none" : "yes")
        .append("\">");
    if (rooms == null) {
      body.append("<p class=\"wait\" id=\"rooms-need-secupass\">Data rooms need a SecuPass;")
          .append(" this page asks you to choose one.</p>");
    } else if (rooms.isEmpty()) {
      body.append("<p id=\"no-rooms\">You are in no data room yet.</p>");
    } else {
      body.append("<table class=\"list\" id=\"rooms\"><tr><th>Room</th><th>Your role</th></tr>");
      for (ClientLine room : rooms) {
        body.append("<tr data-room=\"").append(Html.esc(room.id().value()))
            .append("\"><td class=\"room-name\"><em>opening in this browser…</em></td><td>")
            .append(role(room.role())).append("</td></tr>");
      }
      body.append("</table>");
    }
    body.append("</div><h2>New room</h2><form method=\"post\" action=\"/rooms\"")
        .append(" id=\"create-room\">").append(viewer.csrfField())
        .append("<label>Name <input name=\"name\" id=\"room-name\" required maxlength=\"255\">")
        .append("</label><button type=\"submit\" id=\"create\">Create</button>")
        .append("<p class=\"error\" id=\"room-error\" hidden></p></form>");
    return Layout.clientPage(viewer, "Data rooms", body.toString());
  }

  /** A member of a room as the server knows them, for the browser client's shell. */
  public record ClientMember(UserId user, String name, RoomRole role, String key) {}

  /**
   * A room for the browser client: the page verifies the membership log, decrypts the name (the
   * heading) and the files' names, and makes additions and removals. Owners and managers get the
   * form that adds a member with a role and, for first contacts their keys hold, a place the page
   * fills with the safety words to compare ({@code room-grants}).
   */
  public static String clientRoom(Viewer viewer, RoomId room, RoomRole role, int epoch,
      List<ClientMember> members, List<DirectoryUser> directory, long maxUpload) {
    String base = "/rooms/" + Html.url(room.value());
    StringBuilder body = new StringBuilder("<section id=\"client-room\" data-room=\"")
        .append(Html.esc(room.value())).append("\" data-role=\"").append(role.name())
        .append("\"><p>Your role: ").append(role(role)).append(" · key epoch <span")
        .append(" id=\"room-epoch\">").append(epoch).append("</span></p>")
        .append("<p class=\"error\" id=\"room-error\" hidden></p><h2>Files</h2>")
        .append("<p class=\"wait\" id=\"files-wait\">Opening the files' names in this browser…")
        .append("</p><p id=\"no-files\" hidden>No files yet.</p>")
        .append("<ul class=\"files\" id=\"room-files\" hidden></ul>");
    if (role.writes()) {
      body.append(uploadForm(base, maxUpload));
    }
    body.append("<h2>Members</h2><table class=\"list\" id=\"members\"><tr><th>Who</th>")
        .append("<th>Role</th><th>Key</th><th></th></tr>");
    for (ClientMember member : members) {
      body.append("<tr data-member=\"").append(Html.esc(member.user().value())).append("\"><td>")
          .append(Html.esc(member.name())).append("</td><td>").append(role(member.role()))
          .append("</td><td class=\"key\">").append(Html.esc(member.key())).append("</td><td>");
      if (role.managesMembers() && member.role() != RoomRole.OWNER) {
        body.append("<a class=\"button small remove\" href=\"").append(base).append("/members/")
            .append(Html.url(member.user().value())).append("/remove\">Remove</a>");
      }
      body.append("</td></tr>");
    }
    body.append("</table><div id=\"room-grants\"></div>");
    if (role.managesMembers()) {
      Set<UserId> in = members.stream().map(ClientMember::user).collect(Collectors.toSet());
      body.append(addForm(viewer, base, role, directory.stream()
          .filter(u -> !in.contains(u.id())).toList()));
    }
    return Layout.clientPage(viewer, "Data room", body.append("</section>").toString());
  }

  /**
   * The removal step for the browser client: the page fills in the room's name and, on the
   * button, signs the removal and wraps the new epoch's key to the members who remain.
   */
  public static String clientConfirmRemoval(Viewer viewer, RoomId room, UserId member,
      String name) {
    String base = "/rooms/" + Html.url(room.value());
    String who = Html.esc(name);
    String body = "<section id=\"client-removal\" data-room=\"" + Html.esc(room.value())
        + "\" data-member=\"" + Html.esc(member.value()) + "\"><p id=\"removal-question\">Remove "
        + who + " from \u201c<span id=\"removal-room\">this room</span>\u201d?</p><p>" + who
        + " can no longer open the room. It gets a new key epoch: this browser makes the new key"
        + " and wraps it to the members who remain, so what is written from now on is unreadable"
        + " to " + who + "; what they already downloaded stays with them.</p>" + removalForm(
            viewer, base, member, who) + "<p class=\"error\" id=\"removal-error\" hidden></p>"
        + "</section>";
    return Layout.clientPage(viewer, "Remove " + name + "?", body);
  }

  private static String removalForm(Viewer viewer, String base, UserId member, String who) {
    return "<form method=\"post\" action=\"" + base + "/members/" + Html.url(member.value())
        + "/remove\" id=\"remove-member\">" + viewer.csrfField() + "<input type=\"hidden\" name=\""
        + CONFIRM_FIELD + "\" value=\"" + CONFIRMED + "\"><div class=\"actions\"><button"
        + " type=\"submit\" id=\"confirm-remove\">Remove " + who + "</button> <a href=\"" + base
        + "\" id=\"cancel-remove\">Cancel</a></div></form>";
  }

  private static String uploadForm(String base, long maxUpload) {
    return "<form id=\"room-upload\" data-upload=\"" + base + "/upload\"><label>Add files (up to "
        + Html.size(maxUpload) + " each) <input type=\"file\" id=\"room-files-input\" multiple"
        + " required></label><button type=\"submit\" id=\"upload\">Upload</button><div"
        + " id=\"upload-progress\" class=\"progress-list\"></div><p class=\"error\""
        + " id=\"upload-error\" hidden></p></form>";
  }

  private static String addForm(Viewer viewer, String base, RoomRole own,
      List<DirectoryUser> candidates) {
    StringBuilder form = new StringBuilder("<form method=\"post\" action=\"").append(base)
        .append("/members\" id=\"add-member\">").append(viewer.csrfField())
        .append("<label>Add <select name=\"member\" id=\"member\">");
    candidates.forEach(u -> form.append("<option value=\"").append(Html.esc(u.id().value()))
        .append("\">").append(Html.esc(u.name())).append("</option>"));
    form.append("</select></label><label>as <select name=\"role\" id=\"role\">");
    for (RoomRole role : RoomRole.values()) {
      if (role != RoomRole.OWNER || own == RoomRole.OWNER) {
        form.append("<option value=\"").append(role.name()).append("\"")
            .append(role == RoomRole.EDITOR ? " selected" : "").append(">")
            .append(role(role)).append("</option>");
      }
    }
    return form.append("</select></label><button type=\"submit\" id=\"add\">Add member</button>")
        .append("<p class=\"error\" id=\"add-error\" hidden></p>")
        .append("</form><p class=\"hint\">Removing a member starts a new key epoch: what is")
        .append(" written afterwards is unreadable to them.</p>").toString();
  }

  private static String role(RoomRole role) {
    return role.name().toLowerCase(Locale.ROOT);
  }
}
