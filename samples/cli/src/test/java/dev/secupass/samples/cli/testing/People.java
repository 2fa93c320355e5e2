package dev.secupass.samples.cli.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The people of the command tests and their secrets: alice (employee) and paul (partner) with
 * SecuPasses, gina a guest. Each test class sets up the ones it needs through the app itself.
 */
public final class People {
  public static final String ALICE_PASS = "alice test secupass 1";
  public static final String PAUL_PASS = "paul test secupass 22";
  public static final String GINA_PASS = "gina test secupass 333";
  public static final String GINA_PASSWORD = "gina test password 4444";
  public static final String GINA = "gina@example.org";

  private People() {}

  /** Adds alice (employee) and paul (partner) to the directory. */
  public static void addAliceAndPaul(Cli cli) {
    cli.run("users", "add", "alice", "--employee", "--email", "alice@example.com").ok();
    cli.run("users", "add", "paul", "--partner", "--email", "paul@partner.example").ok();
  }

  /** Activates a directory user's SecuPass. */
  public static void activate(Cli cli, String user, String secuPass) {
    cli.env("SECUPASS_NEW_PASS", secuPass);
    try {
      cli.run("--as", user, "activate").ok();
    } finally {
      cli.unset("SECUPASS_NEW_PASS");
    }
  }

  /**
   * {@code observer} compares {@code subject}'s fingerprint (as {@code subject} reads it from
   * their own {@code fingerprint}) and pins it with {@code verify}, as a sender does before the
   * first level 3-4 send to someone who already has a SecuPass: the default first-contact policy
   * holds sends to keys the sender never verified.
   */
  public static void verify(Cli cli, String observer, String observerPass, String subject) {
    Matcher own = Pattern.compile("your fingerprint: ([0-9 ]+)")
        .matcher(cli.run("--as", subject, "fingerprint").ok());
    assertThat(own.find()).as("%s's fingerprint", subject).isTrue();
    cli.as(observer, observerPass, "verify", subject, own.group(1).strip()).ok();
  }

  /** The id in the app's "sent delivery ID ..." line. */
  public static String sentId(String out) {
    Matcher matcher = Pattern.compile("sent delivery ([0-9a-f]{32})").matcher(out);
    assertThat(matcher.find()).as("a delivery id in: %s", out).isTrue();
    return matcher.group(1);
  }

  /** Every secret of these people, for checking that none is printed. */
  public static String[] secrets() {
    return new String[] {ALICE_PASS, PAUL_PASS, GINA_PASS, GINA_PASSWORD};
  }
}
