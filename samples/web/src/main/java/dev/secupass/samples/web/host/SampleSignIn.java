package dev.secupass.samples.web.host;

import dev.secupass.api.PrincipalKind;
import dev.secupass.samples.host.DirectoryUser;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;

/**
 * The host's login, reduced to a stand-in. The shared user directory holds no passwords (the SDK
 * leaves users and their login to the host), so every employee and partner of the directory signs
 * in with the sample password {@code <name>-password}, which the sign-in page shows. A real host
 * replaces this class with its own login (SSO, LDAP, ...); the SDK only ever sees the {@link
 * dev.secupass.core.SignedInUser} the host hands it after that login.
 */
public final class SampleSignIn {
  private final People people;

  public SampleSignIn(People people) {
    this.people = people;
  }

  /**
   * Puts the sample's people into an empty directory: Alice and Bob (employees) and Paul (a
   * partner), as the command-line demo names them. A directory that already has an employee or
   * partner is left as it is.
   */
  public void seedIfEmpty() {
    if (people.members().isEmpty()) {
      people.addIfAbsent("alice", PrincipalKind.EMPLOYEE, "alice@example.com");
      people.addIfAbsent("bob", PrincipalKind.EMPLOYEE, "bob@example.com");
      people.addIfAbsent("paul", PrincipalKind.PARTNER, "paul@partner.example");
    }
  }

  /** The employee or partner whose name and sample password these are (compared in constant time). */
  public Optional<DirectoryUser> authenticate(String name, String password) {
    Optional<DirectoryUser> user = people.find(name.strip().toLowerCase(Locale.ROOT))
        .filter(u -> u.kind() != PrincipalKind.GUEST);
    String expected = user.map(SampleSignIn::samplePassword).orElse("");
    boolean matches = MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
        password.getBytes(StandardCharsets.UTF_8));
    return user.isPresent() && matches ? user : Optional.empty();
  }

  /** The sample password of a directory member. */
  public static String samplePassword(DirectoryUser user) {
    return user.name() + "-password";
  }
}
