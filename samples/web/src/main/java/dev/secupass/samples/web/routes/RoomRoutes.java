package dev.secupass.samples.web.routes;

import dev.secupass.api.NotPermittedException;
import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.api.SecuPassRequiredException;
import dev.secupass.api.UserId;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.relay.ClientRelay;
import dev.secupass.core.relay.ClientRoomCopy;
import dev.secupass.core.rooms.DataRooms;
import dev.secupass.core.rooms.MemberAccess;
import dev.secupass.core.rooms.RoomDetails;
import dev.secupass.core.rooms.RoomItem;
import dev.secupass.core.rooms.RoomSummary;
import dev.secupass.samples.host.DirectoryUser;
import dev.secupass.samples.web.http.FileResponse;
import dev.secupass.samples.web.http.LimitedInput;
import dev.secupass.samples.web.http.UploadName;
import dev.secupass.samples.web.pages.Html;
import dev.secupass.samples.web.pages.RoomPages;
import dev.secupass.samples.web.secupass.SecuPassGate;
import dev.secupass.samples.web.session.WebSession;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Data rooms: the list (where a user without a SecuPass is asked to choose one), creating a room,
 * members, streamed uploads and downloads.
 *
 * <p>When the browser client runs in the page ({@code relay} set), the GET pages are shells with
 * what the server knows without a key (ids, roles, members, the epoch); the page's script opens
 * the room and makes every change through the relay routes ({@link RelayRoutes}, "data rooms").
 * The POST routes here are the server's way, with the user's open SecuPass session (without one
 * the page asks for it): the pages of {@code browserClient(false)}, and a browser without script.
 */
final class RoomRoutes {
  private final Web web;
  private final SecuPassGate gate;
  private final DataRooms rooms;
  private final @Nullable ClientRelay relay;
  private final FirstContacts firstContacts;
  private final long maxUpload;

  RoomRoutes(Web web, SecuPassGate gate, DataRooms rooms, @Nullable ClientRelay relay,
      FirstContacts firstContacts, long maxUpload) {
    this.web = web;
    this.gate = gate;
    this.rooms = rooms;
    this.relay = relay;
    this.firstContacts = firstContacts;
    this.maxUpload = maxUpload;
  }

  /** The flash after adding {@code name}: how they get the room key. */
  static String added(String name, MemberAccess access) {
    return name + switch (access) {
      case GRANTED -> " was added and can open the room.";
      case QUEUED -> " was added; once they choose a SecuPass, an owner's or manager's next"
          + " unlock gives them the key.";
      case AWAITING_CONFIRMATION -> " was added, but you never verified " + name
          + "'s keys: they get the room key once an owner or manager has compared their"
          + " safety words with them and confirmed them.";
    };
  }

  /** The flash after removing {@code name}. */
  static String removed(String name) {
    return name + " was removed; the room has a new key for what is written from now on.";
  }

  void register(RoutesConfig routes) {
    routes.get("/rooms", this::list);
    routes.post("/rooms", this::create);
    routes.get("/rooms/{id}", this::show);
    routes.post("/rooms/{id}/members", this::addMember);
    routes.get("/rooms/{id}/members/{user}/remove", this::confirmRemoval);
    routes.post("/rooms/{id}/members/{user}/remove", this::removeMember);
    routes.post("/rooms/{id}/upload", this::upload);
    routes.get("/rooms/{id}/files/{file}", this::download);
  }

  private void list(Context ctx) {
    SignedInUser user = web.staff(ctx);
    WebSession ws = web.session(ctx);
    if (relay != null) {
      List<RoomPages.ClientLine> lines;
      try {
        lines = rooms.roomsOf(user.user()).stream()
            .map(r -> new RoomPages.ClientLine(r.id(), r.role())).toList();
      } catch (SecuPassRequiredException e) {
        lines = null; // the page asks for one
      }
      ctx.html(RoomPages.clientList(web.viewer(ctx), lines));
      return;
    }
    List<RoomSummary> mine = gate.call(ctx, ws, session -> rooms.roomsOf(user.user()));
    List<RoomPages.Line> lines = gate.withSession(ctx, ws, user.user(), session -> {
      List<RoomPages.Line> named = new ArrayList<>();
      for (RoomSummary room : mine) {
        named.add(new RoomPages.Line(room.id(), nameOrNull(session, room.id()), room.role()));
      }
      return named;
    });
    ctx.html(RoomPages.list(web.viewer(ctx), lines));
  }

  private void create(Context ctx) {
    SignedInUser user = web.staff(ctx);
    WebSession ws = web.session(ctx);
    gate.acceptTyped(ctx, ws, user);
    String name = Objects.requireNonNullElse(ctx.formParam("name"), "").strip();
    RoomId room = gate.withSession(ctx, ws, user.user(), session -> rooms.create(user, session,
        name));
    Web.seeOther(ctx, "/rooms/" + room.value());
  }

  private void show(Context ctx) {
    SignedInUser user = web.staff(ctx);
    RoomId room = Ids.room(ctx);
    if (relay != null) {
      showShell(ctx, user, room);
      return;
    }
    gate.withSession(ctx, web.session(ctx), user.user(), session -> {
      RoomDetails details = rooms.open(session, room);
      List<RoomItem> items = rooms.list(session, room, null);
      ctx.html(RoomPages.room(web.viewer(ctx), details, items,
          web.people().members(), web.people(), maxUpload, firstContacts.held(session,
              user.user(), grant -> grant.forRoom().filter(room::equals).isPresent())));
      return details;
    });
  }

  private void addMember(Context ctx) {
    SignedInUser user = web.staff(ctx);
    WebSession ws = web.session(ctx);
    RoomId room = Ids.room(ctx);
    gate.acceptTyped(ctx, ws, user);
    DirectoryUser member = web.people()
        .member(UserId.of(Objects.requireNonNullElse(ctx.formParam("member"), "")))
        .orElseThrow(() -> new WebError(400, "Choose a member from the directory."));
    RoomRole role = role(ctx.formParam("role"));
    MemberAccess access = gate.withSession(ctx, ws, user.user(),
        session -> rooms.addMember(session, room, member.id(), member.kind(), role));
    ws.flash(added(member.name(), access));
    Web.seeOther(ctx, "/rooms/" + room.value());
  }

  /** The step before removing a member: what it means, and the button that does it. */
  private void confirmRemoval(Context ctx) {
    SignedInUser user = web.staff(ctx);
    RoomId room = Ids.room(ctx);
    UserId member = Ids.user(ctx.pathParam("user"));
    if (relay != null) {
      if (!relay.room(user, room).members().containsKey(member)) {
        throw new WebError(404, null);
      }
      ctx.html(RoomPages.clientConfirmRemoval(web.viewer(ctx), room, member,
          web.people().name(member)));
      return;
    }
    RoomDetails details = gate.withSession(ctx, web.session(ctx), user.user(),
        session -> rooms.open(session, room));
    if (details.members().stream().noneMatch(m -> m.user().equals(member))) {
      throw new WebError(404, null);
    }
    ctx.html(RoomPages.confirmRemoval(web.viewer(ctx), details, member,
        web.people().name(member)));
  }

  private void removeMember(Context ctx) {
    SignedInUser user = web.staff(ctx);
    WebSession ws = web.session(ctx);
    RoomId room = Ids.room(ctx);
    UserId member = Ids.user(ctx.pathParam("user"));
    if (!RoomPages.CONFIRMED.equals(ctx.formParam(RoomPages.CONFIRM_FIELD))) {
      // Only the confirmation step's form removes; anything else is shown that step first.
      Web.seeOther(ctx, "/rooms/" + room.value() + "/members/" + Html.url(member.value())
          + "/remove");
      return;
    }
    gate.acceptTyped(ctx, ws, user);
    gate.withSession(ctx, ws, user.user(), session -> {
      rooms.removeMember(session, room, member);
      return member;
    });
    ws.flash(removed(web.people().name(member)));
    Web.seeOther(ctx, "/rooms/" + room.value());
  }

  private void upload(Context ctx) throws IOException {
    SignedInUser user = web.staff(ctx);
    RoomId room = Ids.room(ctx);
    UploadName.requireRawBody(ctx);
    String name = UploadName.of(ctx);
    RoomItem item;
    try (InputStream body = ctx.bodyInputStream()) {
      item = gate.withSession(ctx, web.session(ctx), user.user(),
          session -> rooms.upload(session, room, null, name, new LimitedInput(body, maxUpload)));
    }
    ctx.contentType("text/plain; charset=utf-8").result(item.id().value());
  }

  private void download(Context ctx) throws IOException {
    SignedInUser user = web.staff(ctx);
    RoomId room = Ids.room(ctx);
    SecuPassSession session = gate.withSession(ctx, web.session(ctx), user.user(), s -> s);
    RoomItem item = rooms.item(session, room, Ids.file(ctx));
    if (item.isFolder()) {
      throw new WebError(400, "A folder cannot be downloaded.");
    }
    FileResponse.send(ctx, item.name(), item.size(), new FileResponse.Source() {
      @Override
      public InputStream whole() {
        return rooms.download(session, room, item.id());
      }

      @Override
      public InputStream range(long offset, long length) {
        return rooms.download(session, room, item.id(), offset, length);
      }
    });
  }

  /**
   * The browser client's room page: the members and roles of the relay's copy (the relay
   * verified its log; the page verifies it again), whether each member has a SecuPass, and which
   * of them wait for a room grant this user can give (the page gives it, or asks for their safety
   * words first).
   */
  private void showShell(Context ctx, SignedInUser user, RoomId room) {
    ClientRelay client = Objects.requireNonNull(relay);
    ClientRoomCopy copy = client.room(user, room);
    RoomRole own = Objects.requireNonNull(copy.members().get(user.user()), "a member's role");
    Set<UserId> waiting = own.managesMembers() ? client.pendingRoomGrants(user, 100).stream()
        .filter(g -> g.room().equals(room)).map(g -> g.member().user())
        .collect(Collectors.toSet()) : Set.of();
    List<RoomPages.ClientMember> members = new ArrayList<>();
    copy.members().forEach((member, role) -> members.add(new RoomPages.ClientMember(member,
        web.people().name(member), role, client.keys(member).isEmpty()
            ? "waiting for their SecuPass" : waiting.contains(member) ? "waiting for the key"
            : "granted")));
    ctx.html(RoomPages.clientRoom(web.viewer(ctx), room, own, copy.epoch(), members,
        web.people().members(), maxUpload));
  }

  private @Nullable String nameOrNull(SecuPassSession session, RoomId room) {
    try {
      return rooms.open(session, room).name();
    } catch (NotPermittedException e) {
      return null;
    }
  }

  private static RoomRole role(@Nullable String text) {
    try {
      return RoomRole.valueOf(Objects.requireNonNullElse(text, "").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new WebError(400, "Choose a role.");
    }
  }
}
