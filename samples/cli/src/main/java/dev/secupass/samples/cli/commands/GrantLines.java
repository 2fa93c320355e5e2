package dev.secupass.samples.cli.commands;

import dev.secupass.api.GrantId;
import dev.secupass.api.UserId;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.delivery.RecipientStatus;
import dev.secupass.core.grants.FirstContactHold;
import dev.secupass.core.grants.FirstContactRefusal;
import dev.secupass.core.grants.GrantRun;
import dev.secupass.core.grants.KeyChange;
import dev.secupass.core.grants.PendingGrant;
import dev.secupass.samples.cli.Invocation;
import dev.secupass.samples.cli.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How commands talk about grants: what waits, what an unlock released, whose keys changed. The
 * SDK's unlock fulfils grants itself, so what it released is read from the pending list before
 * and after.
 */
final class GrantLines {
  /** The most grants listed. */
  static final int LIMIT = 1000;

  private GrantLines() {}

  /** The signed-in user's pending grants, oldest first. */
  static List<PendingGrant> pending(Invocation invocation) {
    return invocation.sdk().grants().pending(invocation.user().user(), LIMIT);
  }

  /** One line for a pending grant. */
  static String describe(Invocation invocation, PendingGrant grant) {
    String recipient = invocation.name(grant.recipient());
    String state;
    if (grant.state() == PendingGrant.State.AWAITING_SECUPASS) {
      state = "waits for " + recipient + " to choose a SecuPass";
    } else if (invocation.heldBackByReset(invocation.user().user(), grant.recipient().user())) {
      state = recipient + " reset their SecuPass: compare fingerprints with " + recipient
          + ", then 'verify " + recipient + " DIGITS' releases it";
    } else {
      state = recipient + " has a SecuPass: your next unlock releases it, or first shows their"
          + " safety words to confirm if you never verified their keys";
    }
    return target(grant) + " for " + recipient + ": " + state;
  }

  /**
   * Prints what happened to the grants of {@code before} that are no longer pending, and the key
   * changes of {@code run} that hold the rest back.
   */
  static void report(Invocation invocation, List<PendingGrant> before, GrantRun run) {
    Set<GrantId> still = pending(invocation).stream().map(PendingGrant::id)
        .collect(Collectors.toSet());
    for (PendingGrant grant : before) {
      if (!still.contains(grant.id())) {
        String outcome = outcome(invocation, grant);
        invocation.say("  " + outcome);
        invocation.add("grants", Json.map("outcome", outcome));
      }
    }
    // One line per person whose keys changed, however many grants wait for them.
    Map<UserId, List<KeyChange>> changed = new LinkedHashMap<>();
    for (KeyChange change : run.keyChanges()) {
      changed.computeIfAbsent(change.recipient().user(), user -> new ArrayList<>()).add(change);
    }
    for (List<KeyChange> changes : changed.values()) {
      KeyChange first = changes.get(0);
      String who = invocation.name(first.recipient());
      String held = changes.stream().map(change -> pendingTarget(before, change.grant()))
          .distinct().collect(Collectors.joining(", "));
      invocation.add("held_back", Json.map("recipient", who, "pinned", first.pinned(),
          "presented", first.presented()));
      invocation.say("  held back for " + who + " (" + held + "): " + who + "'s keys changed since"
          + " you pinned them (pinned " + first.pinned() + ", now " + first.presented()
          + "); compare with " + who + ", then 'verify " + who + " DIGITS'");
    }
    for (FirstContactHold hold : run.awaitingConfirmation()) {
      String who = invocation.name(hold.recipient());
      String what = hold.forRoom().map(room -> "the key of room " + room)
          .orElseGet(() -> "delivery " + hold.delivery());
      invocation.add("awaiting_confirmation", Json.map("what", what,
          "recipient", who, "safety_words", hold.presented()));
      invocation.say("  waits for your confirmation: " + what + " to " + who
          + ", whose keys nobody verified yet. Their safety words: " + hold.presented()
          + ". Ask " + who + " to read theirs (by phone or in person); if they are the same,"
          + " 'confirm " + who + " WORDS...'; if not, someone else chose that SecuPass");
    }
    for (FirstContactRefusal refusal : run.refused()) {
      invocation.add("refused", Json.map("delivery", refusal.delivery(),
          "recipient", invocation.name(refusal.recipient())));
      invocation.say("  refused: delivery " + refusal.delivery() + " to "
          + invocation.name(refusal.recipient()) + ": the SecuPass was chosen without the"
          + " access code you set (or the keys were replaced); nothing was released. Talk to "
          + invocation.name(refusal.recipient()) + " and send again");
    }
    long waiting = pending(invocation).stream()
        .filter(grant -> grant.state() == PendingGrant.State.AWAITING_SECUPASS).count();
    invocation.field("waiting_for_secupass", waiting);
    if (waiting > 0) {
      invocation.say("  " + waiting + " grant(s) wait for recipients to choose a SecuPass");
    }
  }

  private static String outcome(Invocation invocation, PendingGrant grant) {
    String recipient = invocation.name(grant.recipient());
    if (grant.forRoom().isPresent()) {
      return "gave " + recipient + " the key of room " + grant.forRoom().get();
    }
    SignedInUser sender = invocation.user();
    boolean released = invocation.sdk().deliveries()
        .recipientStatus(sender, grant.forDelivery().orElseThrow()).stream()
        .anyMatch(status -> status.recipient().user().equals(grant.recipient().user())
            && status.state() == RecipientStatus.State.CAN_OPEN);
    return (released ? "released " : "cancelled (no longer live): ") + target(grant)
        + " to " + recipient;
  }

  private static String pendingTarget(List<PendingGrant> grants, GrantId id) {
    return grants.stream().filter(grant -> grant.id().equals(id)).findFirst()
        .map(GrantLines::target).orElse("a grant");
  }

  private static String target(PendingGrant grant) {
    return grant.forRoom().map(room -> "room " + room)
        .orElseGet(() -> "delivery " + grant.forDelivery().orElseThrow());
  }
}
