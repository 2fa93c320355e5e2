package dev.secupass.samples.cli;

/**
 * The app's exit codes: one per kind of failure, so scripts can tell them apart. The table in
 * {@code docs/cli.md} lists them (a test keeps it equal to this enum).
 */
public enum ExitCode {
  OK(0, "success"),
  INTERNAL(1, "an unexpected error (a bug in the sample)"),
  USAGE(2, "unknown command or option, missing or malformed argument"),
  INVALID_INPUT(3, "a value the SDK or the sample refuses (name, address, size, level, expiry)"),
  SIGN_IN(4, "not signed in: unknown user for --as, no --as/--guest, or wrong guest username or"
      + " password"),
  WRONG_SECUPASS(5, "wrong SecuPass"),
  SECUPASS_REQUIRED(6, "the user has no SecuPass yet: activate one first"),
  NOT_PERMITTED(7, "not permitted: not a recipient or member, a guest where an account is needed,"
      + " beyond one's room role, sign-in required for a level 2-4 delivery"),
  NOT_FOUND(8, "no such delivery, file, room or user"),
  CONFLICT(9, "already done: SecuPass already active, username or user name taken, member already"
      + " added, file exists"),
  NOT_RELEASED(10, "the delivery waits for its sender to release it (a grant is pending)"),
  GONE(11, "the delivery expired, was withdrawn, or reached its download limit"),
  KEY_CHANGED(12, "a user's keys differ from the pinned ones: compare fingerprints, then verify"),
  INTEGRITY(13, "stored data failed verification (tampered, truncated, forged or unknown format)"),
  POLICY(14, "the delivery policy forbids it (level, expiry, size, number of files, domain, a"
      + " guest sending)"),
  STORAGE(15, "the database or blob store failed or cannot be reached"),
  LOCAL_FILE(16, "a local file or folder cannot be read or written"),
  NO_SECRET(17, "no SecuPass or password available: no console, and neither the environment"
      + " variable nor the file option gives one"),
  WRONG_LINK(18, "the link or invitation is not valid"),
  SETUP(19, "the data folder, at-rest key file, user directory or storage settings are unusable");

  private final int code;
  private final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  /** The process exit status. */
  public int code() {
    return code;
  }

  /** What it means, for the documentation. */
  public String meaning() {
    return meaning;
  }
}
