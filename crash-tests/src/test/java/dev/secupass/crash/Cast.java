package dev.secupass.crash;

import dev.secupass.api.UserId;
import dev.secupass.core.keys.SecuPass;
import java.util.Locale;

/**
 * The people of one round of the workload, named so that the parent can tell from a user id
 * alone who they are and which SecuPasses they may have: generation 0 is the first, 1 the one a
 * change or reset sets. Every round has new people, so a round a kill cut short stays as it was
 * left, and later rounds and the checks meet it as a host would.
 */
final class Cast {
  static final String ALICE = "alice";
  static final String BOB = "bob";
  static final String CAROL = "carol";
  static final String DAVE = "dave";

  private final String round;

  Cast(int run, int round) {
    this.round = run + "-" + round;
  }

  UserId user(String role) {
    return UserId.of(role + "-" + round);
  }

  String address(String role) {
    return role + "-" + round + "@example.org";
  }

  /** The first-contact guest's address; their username is its local part. */
  String guestAddress() {
    return "guest-" + round + "@example.org";
  }

  static String username(String guestAddress) {
    return guestAddress.substring(0, guestAddress.indexOf('@')).toLowerCase(Locale.ROOT);
  }

  static String password(String username) {
    return "the password of " + username;
  }

  /** The SecuPass of {@code generation} for the user named {@code name} (an id or a username). */
  static SecuPass secuPass(String name, int generation) {
    return SecuPass.of(("secupass " + generation + " of " + name).toCharArray());
  }
}
