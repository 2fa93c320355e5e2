package dev.secupass.samples.web.host;

import dev.secupass.api.PrincipalKind;
import dev.secupass.api.UserId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The host's own user directory and sign-in, reduced to what a sample needs: three people with
 * fixed passwords that the sign-in page shows. A real host has its own directory and login (LDAP,
 * SSO, ...); the SDK only ever sees the {@link dev.secupass.core.SignedInUser} the host hands it.
 *
 * <p>Passwords are kept as SHA-256 digests and compared in constant time; the sample's passwords
 * are public, so a slow hash would protect nothing here.
 */
public final class SampleDirectory {
  private final Map<String, Entry> byUsername = new LinkedHashMap<>();

  private record Entry(SampleUser user, byte[] passwordDigest, String samplePassword) {}

  private SampleDirectory() {}

  /** Alice and Bob (employees of acme.example) and Pat (a partner at partner.example). */
  public static SampleDirectory standard() {
    SampleDirectory directory = new SampleDirectory();
    directory.add(new SampleUser(UserId.of("alice"), PrincipalKind.EMPLOYEE, "Alice Archer",
        "alice@acme.example"), "alice-password");
    directory.add(new SampleUser(UserId.of("bob"), PrincipalKind.EMPLOYEE, "Bob Baker",
        "bob@acme.example"), "bob-password");
    directory.add(new SampleUser(UserId.of("pat"), PrincipalKind.PARTNER, "Pat Partner",
        "pat@partner.example"), "pat-password");
    return directory;
  }

  private void add(SampleUser user, String password) {
    byUsername.put(user.id().value(), new Entry(user, digest(password), password));
  }

  /**
   * The user whose username and password these are. Every known username costs the same work, and
   * the comparison takes constant time.
   */
  public Optional<SampleUser> authenticate(String username, String password) {
    Entry entry = byUsername.get(username.strip().toLowerCase(Locale.ROOT));
    byte[] given = digest(password);
    if (entry == null || !MessageDigest.isEqual(entry.passwordDigest(), given)) {
      return Optional.empty();
    }
    return Optional.of(entry.user());
  }

  /** The user with this id. */
  public Optional<SampleUser> find(UserId id) {
    return Optional.ofNullable(byUsername.get(id.value())).map(Entry::user);
  }

  /** The user with this e-mail address (compared without case). */
  public Optional<SampleUser> findByEmail(String email) {
    String wanted = email.strip().toLowerCase(Locale.ROOT);
    return byUsername.values().stream().map(Entry::user).filter(u -> u.email().equals(wanted))
        .findFirst();
  }

  /** Everyone, in the directory's order. */
  public List<SampleUser> users() {
    return byUsername.values().stream().map(Entry::user).toList();
  }

  /** The sample's published password of a user, for the sign-in page's hint. */
  public String samplePassword(SampleUser user) {
    return byUsername.get(user.id().value()).samplePassword();
  }

  private static byte[] digest(String password) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
