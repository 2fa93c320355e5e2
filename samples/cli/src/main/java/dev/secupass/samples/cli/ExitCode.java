package dev.secupass.samples.cli;

/**
 * The app's exit codes: one per kind of failure, so scripts can tell them apart. They follow the
 * SDK's exception kinds ({@code ActionRequiredException}, {@code RefusedException}, {@code
 * IntegrityException}, {@code StorageException}, ...); the message says which case it is. The
 * table in {@code docs/cli.md} lists them (a test keeps it equal to this enum).
 */
public enum ExitCode {
  OK(0, "success"),
  INTERNAL(1, "an unexpected error (a bug in the sample)"),
  USAGE(2, "unknown command or option, missing or malformed argument"),
  INVALID_INPUT(3, "a value the SDK or the sample refuses (name, address, size, level, expiry)"),
  ACTION_REQUIRED(4, "the user must act first: sign in (--as, --guest, or the right guest"
      + " username and password), choose or unlock a SecuPass, type the right SecuPass, or"
      + " compare a changed key's fingerprint"),
  REFUSED(5, "refused by policy, permission or the delivery's state: not a recipient or member,"
      + " beyond one's room role, a guest where an account is needed, the delivery policy, an"
      + " invalid link, expired, withdrawn, download limit reached, not released yet"),
  NOT_FOUND(6, "no such delivery, file, room or user"),
  CONFLICT(7, "already done, or a concurrent change won: SecuPass already active, username or"
      + " user name taken, member already added, file exists, a partial download waits for"
      + " --resume"),
  INTEGRITY(8, "stored data failed verification (tampered, truncated, forged or unknown format),"
      + " or a fingerprint differs from the one its owner read to you"),
  STORAGE(9, "the database or blob store failed or cannot be reached"),
  BUSY(10, "busy: too many SecuPass checks at once, or another secupass process is using the"
      + " data folder; try again in a moment"),
  LOCAL_FILE(11, "a local file or folder is missing, or cannot be read or written (permission"
      + " denied)"),
  NO_SECRET(12, "no SecuPass or password available: no console, and neither the environment"
      + " variable nor the file option gives one"),
  SETUP(13, "no data folder at --data (create one with 'init'), or the data folder, at-rest key"
      + " file, user directory or storage settings are unusable");

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
