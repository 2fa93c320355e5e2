package dev.secupass.crash;

import dev.secupass.api.DeliveryId;
import dev.secupass.api.IntegrityException;
import dev.secupass.api.PageRequest;
import dev.secupass.api.RoomId;
import dev.secupass.api.SecuPassException;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import dev.secupass.api.WrongSecuPassException;
import dev.secupass.core.SecuPassSdk;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.delivery.DeliveredFile;
import dev.secupass.core.delivery.DeliverySummary;
import dev.secupass.core.delivery.OpenedDelivery;
import dev.secupass.core.delivery.SweepResult;
import dev.secupass.core.fs.FileSystemBlobStore;
import dev.secupass.core.guests.Password;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.rooms.RoomItem;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The invariants checked after every kill and restart, on the rows (beneath the SPI, where the
 * API cannot see) and through the public API:
 *
 * <ol>
 *   <li>no half-visible delivery: every file of every stored delivery has its committed blob, and
 *       every delivery its sender's outbox lists opens for the sender and each named recipient
 *       with the bytes that were sent;
 *   <li>no lost or doubled grant: a recipient of a level 3-4 delivery, or a room member, holds an
 *       envelope for their active key or has exactly one open grant; no open grant for what is
 *       already granted; after the granters' next unlock nothing stays ready;
 *   <li>no room whose members are on different epochs without a pending grant;
 *   <li>every active key blob opens with the SecuPass before or after a change or reset;
 *   <li>no committed blob that nothing references once the SDK's sweeps ran (the upload journal's
 *       with no grace period, as nothing uploads any more).
 * </ol>
 *
 * Checking acts as the host's next start does: the granters unlock, and their sessions fulfil what
 * waits (so a grant a kill left claimed is taken over once its lease ran out).
 */
final class Invariants {
  private static final String OPEN = "('WAITING_FOR_KEY','READY')";

  private final Backend backend;
  /** The run whose people the API checks act as; the row checks cover every run. */
  private final String scope;
  private final List<String> violations = new ArrayList<>();
  /** The orphans found after the sweep: each is also a violation. */
  private final List<String> orphans = new ArrayList<>();
  private int swept;
  private final Map<UserId, SecuPassSession> sessions = new HashMap<>();

  /**
   * Checks on {@code backend}; the API checks (opening, reading, granting) only for the people of
   * {@code run} (-1: every run), since a kill touches only the run it cut short: every round has
   * people of its own.
   */
  Invariants(Backend backend, int run) {
    this.backend = backend;
    this.scope = run < 0 ? "" : "-" + run + "-";
  }

  private boolean inScope(String user) {
    return user.contains(scope);
  }

  List<String> violations() {
    return violations;
  }

  /** How many blobs a kill left behind the sweep deleted, found through the upload journal. */
  int swept() {
    return swept;
  }

  List<String> orphans() {
    return orphans;
  }

  /**
   * What the host was told had succeeded before the kill (the child's log says "-> delivery id",
   * "-> room id" or "-> entry id" when a send, room creation or upload returned) must still be
   * there: a kill loses only what had not returned.
   */
  void checkReturned(List<String> log) throws SQLException {
    for (String line : log) {
      int arrow = line.indexOf(" -> ");
      if (!line.startsWith("end ") || arrow < 0) {
        continue;
      }
      String[] made = line.substring(arrow + 4).split(" ", 3);
      String table = switch (made[0]) {
        case "delivery" -> "secupass_delivery";
        case "room" -> "secupass_room";
        default -> "secupass_room_entry";
      };
      if (Rows.strings(backend, "SELECT 1 FROM " + table + " WHERE id = ?", made[1]).isEmpty()) {
        violations.add("lost after it returned: " + line.substring(4, arrow) + " made "
            + made[0] + " " + made[1] + ", which is gone after the kill");
      }
    }
  }

  void check() throws Exception {
    // No grace: the killed host runs no upload, so every journaled blob is an orphan to sweep.
    try (Backend.Host host = backend.open(Duration.ZERO)) {
      Map<String, Integer> activeKeys = activeKeys();
      checkRows(host, activeKeys);
      checkKeyBlobs(host.sdk(), activeKeys.keySet());
      regrant(host.sdk(), activeKeys.keySet());
      checkNothingStaysReady();
      checkDeliveries(host.sdk(), activeKeys);
      checkRooms(host.sdk(), activeKeys);
      checkOrphans(host);
    } finally {
      sessions.values().forEach(SecuPassSession::close);
      sessions.clear();
    }
  }

  private Map<String, Integer> activeKeys() throws SQLException {
    Map<String, Integer> keys = new HashMap<>();
    for (String row : Rows.strings(backend,
        "SELECT user_id, key_version FROM secupass_key_record WHERE state = 'ACTIVE'")) {
      String[] cols = row.split("\\|", -1);
      if (keys.put(cols[0], Integer.parseInt(cols[1])) != null) {
        violations.add(cols[0] + " has two active key records");
      }
    }
    return keys;
  }

  /** What the rows must say whatever the API does: grants, epochs, blobs. */
  private void checkRows(Backend.Host host, Map<String, Integer> activeKeys)
      throws SQLException, IOException {
    for (String row : Rows.strings(backend, "SELECT target_kind, target_id, recipient_id"
        + " FROM secupass_grant_queue WHERE state IN " + OPEN
        + " GROUP BY target_kind, target_id, recipient_id HAVING COUNT(*) > 1")) {
      violations.add("doubled grant: two open grants for " + row);
    }
    for (String row : Rows.strings(backend, "SELECT target_kind, target_id, recipient_id,"
        + " key_version FROM secupass_grant_queue WHERE state = 'DONE'"
        + " GROUP BY target_kind, target_id, recipient_id, key_version HAVING COUNT(*) > 1")) {
      violations.add("doubled grant: fulfilled twice for the same key: " + row);
    }
    Set<String> open = new HashSet<>(Rows.strings(backend, "SELECT target_kind, target_id,"
        + " recipient_id FROM secupass_grant_queue WHERE state IN " + OPEN));

    // Deliveries at levels 3-4: each recipient has an envelope for their active key or a grant.
    for (String row : Rows.strings(backend, "SELECT d.id, r.user_id FROM secupass_delivery d"
        + " JOIN secupass_delivery_recipient r ON r.delivery_id = d.id"
        + " WHERE d.security_level >= 3 AND d.state = 'ACTIVE'")) {
      String[] cols = row.split("\\|", -1);
      boolean granted = hasEnvelope("secupass_delivery_envelope", "delivery_id", cols[0],
          "recipient_id", cols[1], activeKeys.get(cols[1]), null);
      boolean waiting = open.contains("DELIVERY|" + cols[0] + "|" + cols[1]);
      if (!granted && !waiting) {
        violations.add("lost grant: " + cols[1] + " has neither an envelope for their key nor a"
            + " pending grant of delivery " + cols[0]);
      }
      if (granted && waiting) {
        violations.add("doubled grant: " + cols[1] + " holds delivery " + cols[0]
            + " and still has an open grant for it");
      }
    }
    // Rooms: every member holds the current epoch's key for their active key, or a grant waits.
    for (String row : Rows.strings(backend, "SELECT m.room_id, m.user_id, r.epoch"
        + " FROM secupass_room_member m JOIN secupass_room r ON r.id = m.room_id")) {
      String[] cols = row.split("\\|", -1);
      int epoch = Integer.parseInt(cols[2]);
      boolean granted = hasEnvelope("secupass_room_envelope", "room_id", cols[0], "member_id",
          cols[1], activeKeys.get(cols[1]), epoch);
      boolean waiting = open.contains("ROOM|" + cols[0] + "|" + cols[1]);
      if (!granted && !waiting) {
        violations.add("room " + cols[0] + ": member " + cols[1] + " has no key of epoch "
            + epoch + " and no pending grant");
      }
    }
    // Nothing stored points at a blob that is not there.
    Set<String> blobs = new HashSet<>(backend.committedBlobs(host));
    for (String row : Rows.strings(backend,
        "SELECT delivery_id, blob_id FROM secupass_delivery_file")) {
      String[] cols = row.split("\\|", -1);
      if (!blobs.contains(cols[1])) {
        violations.add("half-visible delivery " + cols[0] + ": blob " + cols[1] + " missing");
      }
    }
    for (String row : Rows.strings(backend,
        "SELECT room_id, blob_id FROM secupass_room_entry WHERE blob_id IS NOT NULL")) {
      String[] cols = row.split("\\|", -1);
      if (!blobs.contains(cols[1])) {
        violations.add("half-visible room file in " + cols[0] + ": blob " + cols[1]
            + " missing");
      }
    }
  }

  private boolean hasEnvelope(String table, String targetColumn, String target,
      String userColumn, String user, Integer keyVersion, Integer epoch) throws SQLException {
    if (keyVersion == null) {
      return false;
    }
    String sql = "SELECT 1 FROM " + table + " WHERE " + targetColumn + " = ? AND " + userColumn
        + " = ? AND key_version = ?" + (epoch == null ? "" : " AND epoch = ?");
    return !(epoch == null
        ? Rows.strings(backend, sql, target, user, keyVersion)
        : Rows.strings(backend, sql, target, user, keyVersion, epoch)).isEmpty();
  }

  /** Every active key blob opens with generation 0 or 1 of its user's SecuPass. */
  private void checkKeyBlobs(SecuPassSdk sdk, Set<String> users) {
    for (String user : users) {
      if (inScope(user)) {
        session(sdk, UserId.of(user));
      }
    }
  }

  /**
   * The user's session, unlocked with generation 0 or 1 of their SecuPass, kept open for the rest
   * of the check; empty (and a violation) if neither opens the key blob.
   */
  private Optional<SecuPassSession> session(SecuPassSdk sdk, UserId user) {
    SecuPassSession open = sessions.get(user);
    if (open != null && open.isOpen()) {
      return Optional.of(open);
    }
    for (int generation = 0; generation <= 1; generation++) {
      try (SecuPass pass = Cast.secuPass(user.value(), generation)) {
        SecuPassSession session = sdk.secuPass().unlock(user, pass);
        sessions.put(user, session);
        return Optional.of(session);
      } catch (WrongSecuPassException | IntegrityException e) {
        // the other generation; a blob that neither opens is reported below
      }
    }
    violations.add("the key blob of " + user + " opens with neither the old nor the new"
        + " SecuPass");
    return Optional.empty();
  }

  /** The host's next start: each granter unlocks, after a killed process's leases ran out. */
  private void regrant(SecuPassSdk sdk, Set<String> users) throws InterruptedException {
    Thread.sleep(Duration.ofMillis(1100).toMillis());
    for (String user : users) {
      if (user.startsWith(Cast.ALICE + "-") && inScope(user)) {
        try {
          session(sdk, UserId.of(user)).ifPresent(session -> Workload.regrant(sdk, session));
        } catch (SecuPassException e) {
          violations.add("the granter " + user + " cannot fulfil their grants: " + e);
        }
      }
    }
  }

  private void checkNothingStaysReady() throws SQLException {
    for (String row : Rows.strings(backend, "SELECT target_kind, target_id, recipient_id,"
        + " granter_id FROM secupass_grant_queue WHERE state = 'READY'")) {
      violations.add("a ready grant stays ready after its granter's unlock: " + row);
    }
  }

  /** Every delivery the outbox lists opens, for the sender and each named recipient. */
  private void checkDeliveries(SecuPassSdk sdk, Map<String, Integer> activeKeys)
      throws SQLException, IOException {
    for (String sender : Rows.strings(backend,
        "SELECT DISTINCT sender_id FROM secupass_delivery WHERE state = 'ACTIVE'")) {
      if (!inScope(sender)) {
        continue;
      }
      SignedInUser employee = SignedInUser.employee(UserId.of(sender));
      for (DeliverySummary summary : sdk.deliveries().outbox(employee, PageRequest.first(100))
          .items()) {
        openAs(sdk, employee, summary.id(), summary.level(), "its sender");
        for (String row : Rows.strings(backend, "SELECT user_id, kind, address"
            + " FROM secupass_delivery_recipient WHERE delivery_id = ?", summary.id().value())) {
          String[] cols = row.split("\\|", -1);
          if (summary.level() == SecurityLevel.LINK) {
            continue;  // opened by its link, which only the recipient's e-mail holds
          }
          SignedInUser reader;
          if (cols[1].equals("GUEST")) {
            String username = Cast.username(cols[2]);
            if (Rows.strings(backend, "SELECT 1 FROM secupass_guest_account WHERE user_id = ?"
                + " AND username IS NOT NULL", cols[0]).isEmpty()) {
              continue;  // not registered yet: nobody can sign in as them
            }
            try (Password password = Password.of(Cast.password(username))) {
              reader = sdk.guests().signIn(username, password);
            }
          } else {
            reader = SignedInUser.partner(UserId.of(cols[0]));
          }
          if (summary.level().requiresSecuPass() && !activeKeys.containsKey(cols[0])) {
            continue;  // waits for their SecuPass; the grant check covers it
          }
          openAs(sdk, reader, summary.id(), summary.level(), cols[2]);
        }
      }
    }
  }

  private void openAs(SecuPassSdk sdk, SignedInUser reader, DeliveryId id, SecurityLevel level,
      String who) throws IOException {
    SecuPassSession session = level.requiresSecuPass()
        ? session(sdk, reader.user()).orElse(null) : null;
    if (level.requiresSecuPass() && session == null) {
      return;
    }
    try (OpenedDelivery opened = session == null
        ? sdk.deliveries().open(reader, id)
        : sdk.deliveries().open(reader, session, id)) {
      for (DeliveredFile file : opened.files()) {
        try (InputStream in = opened.read(file.id())) {
          if (!Content.matches(file.name(), in.readAllBytes())) {
            violations.add("delivery " + id + ": file " + file.name() + " reads wrong for "
                + who);
          }
        }
      }
    } catch (SecuPassException e) {
      violations.add("half-visible delivery " + id + " (level " + level.number()
          + "): listed, but " + who + " cannot open it: " + e);
    }
  }

  /** Every member holding the current epoch's key opens the room and reads every file. */
  private void checkRooms(SecuPassSdk sdk, Map<String, Integer> activeKeys)
      throws SQLException, IOException {
    for (String row : Rows.strings(backend, "SELECT m.room_id, m.user_id"
        + " FROM secupass_room_member m JOIN secupass_room r ON r.id = m.room_id")) {
      String[] cols = row.split("\\|", -1);
      if (!activeKeys.containsKey(cols[1]) || !inScope(cols[1])) {
        continue;
      }
      RoomId room = RoomId.of(cols[0]);
      Optional<SecuPassSession> opened = session(sdk, UserId.of(cols[1]));
      if (opened.isEmpty()) {
        continue;
      }
      SecuPassSession session = opened.get();
      try {
        sdk.rooms().open(session, room);
        for (RoomItem item : sdk.rooms().list(session, room, null)) {
          if (item.isFolder()) {
            continue;
          }
          try (InputStream in = sdk.rooms().download(session, room, item.id())) {
            if (!Content.matches(item.name(), in.readAllBytes())) {
              violations.add("room " + room + ": " + item.name() + " reads wrong for "
                  + cols[1]);
            }
          }
        }
      } catch (SecuPassException e) {
        violations.add("room " + room + ": member " + cols[1] + " cannot read it: " + e);
      }
    }
  }

  /**
   * After the SDK's sweeps, every committed blob is one a delivery or room file references: the
   * upload journal named every blob a kill left behind, so the sweep deleted it.
   */
  private void checkOrphans(Backend.Host host) throws SQLException, IOException {
    SweepResult result;
    do {
      result = host.sdk().deliveries().sweepExpired(1000);
      swept += result.orphansDeleted();
    } while (result.more());
    if (host.blobs() instanceof FileSystemBlobStore files) {
      files.sweepTemporaryFiles(Duration.ZERO);
    }
    Set<String> referenced = new HashSet<>(Rows.strings(backend,
        "SELECT blob_id FROM secupass_delivery_file"));
    referenced.addAll(Rows.strings(backend,
        "SELECT blob_id FROM secupass_room_entry WHERE blob_id IS NOT NULL"));
    for (String blob : backend.committedBlobs(host)) {
      if (!referenced.contains(blob)) {
        orphans.add(blob);
        violations.add("orphaned blob " + blob + ": nothing refers to it, and the sweep left it");
      }
    }
    long leftovers = backend.leftovers(host);
    if (leftovers > 0) {
      violations.add(leftovers + " uncommitted uploads left after the sweep");
    }
  }
}
