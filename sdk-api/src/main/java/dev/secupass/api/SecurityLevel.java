package dev.secupass.api;

/**
 * The four security levels of a delivery, from the weakest to the strongest.
 *
 * <table>
 *   <caption>What each level requires and protects</caption>
 *   <tr><th>level</th><th>who can open it</th><th>files</th><th>subject and message</th></tr>
 *   <tr><td>1 {@link #LINK}</td><td>whoever holds the link token</td>
 *       <td>encrypted at rest with a host key</td><td>clear</td></tr>
 *   <tr><td>2 {@link #LOGIN}</td><td>a named recipient, signed in</td>
 *       <td>encrypted at rest with a host key</td><td>clear</td></tr>
 *   <tr><td>3 {@link #SECRET}</td><td>a named, signed-in recipient with an active SecuPass</td>
 *       <td>end-to-end encrypted</td><td>clear</td></tr>
 *   <tr><td>4 {@link #TOP_SECRET}</td><td>as level 3</td>
 *       <td>end-to-end encrypted</td><td>end-to-end encrypted</td></tr>
 * </table>
 */
public enum SecurityLevel {
  LINK(1),
  LOGIN(2),
  SECRET(3),
  TOP_SECRET(4);

  private final int number;

  SecurityLevel(int number) {
    this.number = number;
  }

  /** The level's number, 1 to 4, as stored and as shown to people. */
  public int number() {
    return number;
  }

  /** The level with the given number; {@link IllegalArgumentException} outside 1-4. */
  public static SecurityLevel of(int number) {
    for (SecurityLevel level : values()) {
      if (level.number == number) {
        return level;
      }
    }
    throw new IllegalArgumentException("security level must be 1-4, got " + number);
  }

  /** Whether only named recipients who are signed in may open it (levels 2-4). */
  public boolean requiresSignIn() {
    return this != LINK;
  }

  /** Whether sender and recipients need an active SecuPass (levels 3 and 4). */
  public boolean requiresSecuPass() {
    return number >= 3;
  }

  /** Whether files are end-to-end encrypted (levels 3 and 4). */
  public boolean endToEndFiles() {
    return number >= 3;
  }

  /** Whether subject and message are end-to-end encrypted (level 4 only). */
  public boolean endToEndMessage() {
    return this == TOP_SECRET;
  }
}
