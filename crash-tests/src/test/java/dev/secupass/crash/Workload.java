package dev.secupass.crash;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.PrincipalKind;
import dev.secupass.api.RoomId;
import dev.secupass.api.RoomRole;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import dev.secupass.core.SecuPassSdk;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.delivery.Addressee;
import dev.secupass.core.delivery.DeliveryDraft;
import dev.secupass.core.events.DeliveryReceived;
import dev.secupass.core.events.HostEvent;
import dev.secupass.core.grants.GrantRun;
import dev.secupass.core.grants.KeyChange;
import dev.secupass.core.guests.Password;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.rooms.RoomItem;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * One round of the flows the harness kills: activations; a send at every level (in a random
 * order) to a partner with a SecuPass and to a first-contact guest; the guest's registration and
 * activation and the sender's fulfilment of the waiting grants; a data room with a member removed
 * (rotation), its older file re-encrypted and a file uploaded and deleted, and a member who
 * activates afterwards; a SecuPass change and a reset with the re-grant that follows it. Only the public API, as a host calls it.
 */
final class Workload {
  private final SecuPassSdk sdk;
  private final Log log;
  private final long seed;
  private final int run;

  Workload(SecuPassSdk sdk, Log log, long seed, int run) {
    this.sdk = sdk;
    this.log = log;
    this.seed = seed;
    this.run = run;
  }

  void round(int round) {
    Random random = new Random(seed * 1_000_003L + run * 1009L + round);
    Cast cast = new Cast(run, round);
    UserId alice = cast.user(Cast.ALICE);
    UserId bob = cast.user(Cast.BOB);
    UserId carol = cast.user(Cast.CAROL);
    UserId dave = cast.user(Cast.DAVE);
    String guest = cast.guestAddress();
    log.begin("round " + run + "-" + round);
    for (UserId user : List.of(alice, bob, carol)) {
      step("activate", () -> activate(user, 0));
    }

    List<SecurityLevel> levels = new ArrayList<>(List.of(SecurityLevel.values()));
    Collections.shuffle(levels, random);
    try (SecuPassSession session = step("unlock", () -> unlock(alice, 0))) {
      for (SecurityLevel level : levels) {
        DeliveryDraft.Builder draft = DeliveryDraft.builder().level(level)
            .subject("round " + run + "-" + round + " level " + level.number())
            .message("a message at level " + level.number())
            .to(Addressee.partner(bob, cast.address(Cast.BOB)), Addressee.guest(guest));
        for (int f = 0, files = 1 + random.nextInt(2); f < files; f++) {
          String name = Content.name(random.nextLong(), random.nextInt(64 * 1024));
          draft.file(name, () -> Content.open(name), Content.bytes(name).length);
        }
        DeliveryDraft built = draft.build();
        step("send level " + level.number(), () ->
            sdk.deliveries().send(SignedInUser.employee(alice), session, built).id());
      }
    }

    List<dev.secupass.core.delivery.LinkToken> invitations = step("relay events",
        () -> relay(guest));
    if (invitations.isEmpty()) {
      throw new IllegalStateException("no invitation for " + guest);
    }
    String username = Cast.username(guest);
    SignedInUser guestUser = step("guest register", () -> {
      try (Password password = Password.of(Cast.password(username))) {
        return sdk.guests().register(invitations.get(0), username, password);
      }
    });
    step("guest activate", () -> activate(guestUser.user(), 0));
    step("fulfil", () -> {
      try (SecuPassSession session = unlock(alice, 0)) {
        return sdk.grants().fulfil(session);
      }
    });

    try (SecuPassSession session = step("unlock", () -> unlock(alice, 0))) {
      RoomId room = step("room create", () ->
          sdk.rooms().create(SignedInUser.employee(alice), session, "room " + run + "-" + round));
      step("room add", () -> sdk.rooms().addMember(session, room, bob, PrincipalKind.PARTNER,
          RoomRole.EDITOR));
      step("room add", () -> sdk.rooms().addMember(session, room, carol, PrincipalKind.EMPLOYEE,
          RoomRole.VIEWER));
      step("room add", () -> sdk.rooms().addMember(session, room, dave, PrincipalKind.EMPLOYEE,
          RoomRole.VIEWER));
      upload(session, room, random);
      step("room remove", () -> {
        sdk.rooms().removeMember(session, room, bob);
        return null;
      });
      upload(session, room, random);
      // The file written before the rotation moves to the new epoch: a new blob, the old deleted.
      step("room reencrypt", () -> sdk.rooms().reencryptOlderEntries(session, room, 10));
      String doomed = Content.name(random.nextLong(), random.nextInt(64 * 1024));
      step("room delete", () -> {
        try (InputStream in = Content.open(doomed)) {
          RoomItem item = sdk.rooms().upload(session, room, null, doomed, in);
          sdk.rooms().delete(session, room, item.id());
        }
        return null;
      });
      // Dave activates after the rotation; alice's open session grants him both epochs.
      step("activate", () -> activate(dave, 0));
    }

    step("change", () -> {
      try (SecuPass current = Cast.secuPass(bob.value(), 0);
          SecuPass next = Cast.secuPass(bob.value(), 1)) {
        sdk.secuPass().change(bob, current, next);
      }
      return null;
    });
    step("reset", () -> {
      try (SecuPass next = Cast.secuPass(carol.value(), 1)) {
        sdk.secuPass().reset(carol, next).close();
      }
      return null;
    });
    step("regrant", () -> {
      try (SecuPassSession session = unlock(alice, 0)) {
        return regrant(sdk, session);
      }
    });
    log.end("round " + run + "-" + round);
  }

  /** Fulfils what the session can, re-verifying keys that changed by a reset first. */
  static GrantRun regrant(SecuPassSdk sdk, SecuPassSession session) {
    GrantRun run = sdk.grants().fulfil(session);
    for (KeyChange change : run.keyChanges()) {
      run = run.plus(sdk.secuPass().reverify(session, change.recipient().user(),
          change.presented()));
    }
    return run;
  }

  private void upload(SecuPassSession session, RoomId room, Random random) {
    String name = Content.name(random.nextLong(), random.nextInt(64 * 1024));
    step("room upload", () -> {
      try (InputStream in = Content.open(name)) {
        return sdk.rooms().upload(session, room, null, name, in);
      }
    });
  }

  private List<dev.secupass.core.delivery.LinkToken> relay(String guest) {
    List<dev.secupass.core.delivery.LinkToken> invitations = new ArrayList<>();
    List<HostEvent> batch;
    while (!(batch = sdk.events().claim(100)).isEmpty()) {
      for (HostEvent event : batch) {
        if (event instanceof DeliveryReceived received
            && guest.equals(received.audience().email())) {
          received.invitation().ifPresent(invitations::add);
        }
        sdk.events().acknowledge(event.id());
      }
    }
    return invitations;
  }

  private SecuPassSession activate(UserId user, int generation) {
    try (SecuPass pass = Cast.secuPass(user.value(), generation)) {
      SecuPassSession session = sdk.secuPass().activate(user, pass);
      session.close();
      return session;
    }
  }

  private SecuPassSession unlock(UserId user, int generation) {
    try (SecuPass pass = Cast.secuPass(user.value(), generation)) {
      return sdk.secuPass().unlock(user, pass);
    }
  }

  /** A step of work, logged as it begins and ends. */
  interface Step<T> {
    T run() throws Exception;
  }

  private <T> T step(String name, Step<T> work) {
    long started = System.nanoTime();
    log.begin(name);
    T result;
    try {
      result = work.run();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(name + " failed", e);
    }
    String made = result instanceof DeliveryId delivery ? " -> delivery " + delivery.value()
        : result instanceof RoomId room ? " -> room " + room.value()
        : result instanceof RoomItem item ? " -> entry " + item.id().value()
        : "";
    log.end(name + made + " (" + (System.nanoTime() - started) / 1_000_000 + " ms)");
    return result;
  }

  /** The child's log on stdout: one line per event, flushed at once. */
  static final class Log {
    private final PrintStream out;

    Log(PrintStream out) {
      this.out = out;
    }

    void begin(String op) {
      out.println("begin " + op);
      out.flush();
    }

    void end(String op) {
      out.println("end " + op);
      out.flush();
    }
  }

}
