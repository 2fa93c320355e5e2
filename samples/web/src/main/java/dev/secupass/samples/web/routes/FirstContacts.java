package dev.secupass.samples.web.routes;

import dev.secupass.api.UserId;
import dev.secupass.core.grants.Grants;
import dev.secupass.core.grants.PendingGrant;
import dev.secupass.core.keys.SafetyWords;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.core.keys.SecuPasses;
import dev.secupass.samples.web.pages.FirstContactForm;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The first contacts the SDK's default policy holds for a granter: ready grants to recipients
 * whose keys the granter never pinned, each with the safety words of the keys stored for them.
 * Read while the granter's SecuPass session is open (the pins are checked with it).
 */
final class FirstContacts {
  private static final int LIMIT = 100;

  private final Grants grants;
  private final SecuPasses secuPass;

  FirstContacts(Grants grants, SecuPasses secuPass) {
    this.grants = grants;
    this.secuPass = secuPass;
  }

  /** The held first contacts among {@code granter}'s ready grants that {@code which} selects. */
  List<FirstContactForm.Held> held(SecuPassSession session, UserId granter,
      Predicate<PendingGrant> which) {
    List<FirstContactForm.Held> held = new ArrayList<>();
    for (PendingGrant grant : grants.pending(granter, LIMIT)) {
      UserId recipient = grant.recipient().user();
      if (grant.state() == PendingGrant.State.READY && which.test(grant)
          && secuPass.pinnedFingerprint(session, recipient).isEmpty()) {
        secuPass.fingerprint(recipient).ifPresent(f -> held.add(new FirstContactForm.Held(
            grant.id(), grant.recipient(), SafetyWords.of(f))));
      }
    }
    return held;
  }
}
