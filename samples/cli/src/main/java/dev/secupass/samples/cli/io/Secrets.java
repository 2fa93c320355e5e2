package dev.secupass.samples.cli.io;

import dev.secupass.core.guests.Password;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.samples.cli.CliException;
import dev.secupass.samples.cli.ExitCode;
import dev.secupass.samples.cli.Failures;
import dev.secupass.samples.host.SampleHost;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads SecuPasses and guest passwords: from a file named by an option, else from an environment
 * variable, else from the console without echo (a new one twice, to catch typos). Scripts use the
 * first two; the characters are wiped as soon as the SDK has its copy.
 *
 * <table>
 *   <caption>Sources</caption>
 *   <tr><th>secret</th><th>file option</th><th>environment variable</th></tr>
 *   <tr><td>the SecuPass</td><td>{@code --pass-file}</td><td>{@value #PASS}</td></tr>
 *   <tr><td>a new SecuPass</td><td>{@code --new-pass-file}</td><td>{@value #NEW_PASS}</td></tr>
 *   <tr><td>a guest's password</td><td>{@code --password-file}</td><td>{@value #PASSWORD}</td></tr>
 * </table>
 */
public final class Secrets {
  /** The environment variable of the current SecuPass. */
  public static final String PASS = "SECUPASS_PASS";
  /** The environment variable of a new SecuPass (activate, change, reset). */
  public static final String NEW_PASS = "SECUPASS_NEW_PASS";
  /** The environment variable of a guest's password. */
  public static final String PASSWORD = "SECUPASS_PASSWORD";

  private final Map<String, String> environment;
  private final SecretPrompt prompt;
  private final @Nullable Path passFile;
  private final @Nullable Path newPassFile;
  private final @Nullable Path passwordFile;
  private final Consumer<String> warn;
  /** How often a person may retype a new secret after a typo. */
  private static final int ATTEMPTS = 3;
  /** The rule of a new SecuPass, shown before a person types one. */
  private static final String NEW_SECUPASS_RULE = "at least " + SampleHost.MIN_SECUPASS_LENGTH
      + " characters, typed twice; it cannot be recovered, only reset";

  /**
   * @param warn where a warning goes (a secret file others may read)
   */
  public Secrets(Map<String, String> environment, SecretPrompt prompt, @Nullable Path passFile,
      @Nullable Path newPassFile, @Nullable Path passwordFile, Consumer<String> warn) {
    this.warn = warn;
    this.environment = Map.copyOf(environment);
    this.prompt = prompt;
    this.passFile = passFile;
    this.newPassFile = newPassFile;
    this.passwordFile = passwordFile;
  }

  /** The SecuPass of {@code who}, to unlock it. */
  public SecuPass secuPass(String who) {
    char[] chars = read(passFile, "--pass-file", PASS, who + "'s SecuPass", false, null,
        typed -> null);
    try {
      return SecuPass.of(chars);
    } finally {
      Arrays.fill(chars, '\0');
    }
  }

  /**
   * A SecuPass {@code who} chooses (activation, change, reset).
   *
   * @throws IllegalArgumentException if it is shorter than {@value SampleHost#MIN_SECUPASS_LENGTH}
   */
  public SecuPass newSecuPass(String who) {
    char[] chars = read(newPassFile, "--new-pass-file", NEW_PASS, "a new SecuPass for " + who,
        true, NEW_SECUPASS_RULE, typed -> typed.length < SampleHost.MIN_SECUPASS_LENGTH
            ? "a SecuPass must have at least " + SampleHost.MIN_SECUPASS_LENGTH + " characters"
            : null);
    try {
      return SecuPass.of(chars);
    } finally {
      Arrays.fill(chars, '\0');
    }
  }

  /** A guest's password, to sign in. */
  public Password password(String username) {
    return password(username, false);
  }

  /** The password a guest chooses at registration. */
  public Password newPassword(String username) {
    return password(username, true);
  }

  private Password password(String username, boolean choosing) {
    char[] chars = read(passwordFile, "--password-file", PASSWORD,
        (choosing ? "a new password for " : "the password of ") + username, choosing,
        choosing ? "typed twice" : null, typed -> null);
    try {
      return Password.of(chars);
    } finally {
      Arrays.fill(chars, '\0');
    }
  }

  /**
   * @param option the file option that names a file holding it
   * @param variable the environment variable that holds it
   * @param what what it is, as the prompt and the error message name it
   * @param twice whether a person types it twice (a new secret)
   * @param rule the rule a person reads before typing, or {@code null}
   * @param problem what is wrong with a value, or {@code null} if nothing
   */
  private char[] read(@Nullable Path file, String option, String variable, String what,
      boolean twice, @Nullable String rule, Function<char[], @Nullable String> problem) {
    char[] given = null;
    if (file != null) {
      given = fromFile(file);
    } else {
      String value = environment.get(variable);
      if (value != null && !value.isEmpty()) {
        given = value.toCharArray();
      }
    }
    if (given != null) {
      String wrong = problem.apply(given);
      if (wrong != null) {
        Arrays.fill(given, '\0');
        throw new IllegalArgumentException(wrong);
      }
      return given;
    }
    String unavailable = "no console to ask for " + what + ": set " + variable + " or give "
        + option + " FILE";
    String question = what + (rule == null ? "" : " (" + rule + ")") + ": ";
    String wrong = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      char[] first = ask((wrong == null ? "" : wrong + "; try again. ") + question, unavailable);
      wrong = problem.apply(first);
      if (wrong == null && !twice) {
        return first;
      }
      if (wrong == null) {
        char[] second = ask("again, to be sure: ", unavailable);
        boolean same = Arrays.equals(first, second);
        Arrays.fill(second, '\0');
        if (same) {
          return first;
        }
        wrong = "the two entries differ";
      }
      Arrays.fill(first, '\0');
    }
    throw new IllegalArgumentException(wrong);
  }

  private void warnIfOthersMayRead(Path file) {
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      if (permissions.contains(PosixFilePermission.OTHERS_READ)
          || permissions.contains(PosixFilePermission.GROUP_READ)) {
        warn.accept(file + " can be read by other users; make it yours alone: chmod 600 "
            + file);
      }
    } catch (IOException | UnsupportedOperationException e) {
      // Reading it reports a missing file; a file system without POSIX permissions has no mode.
    }
  }

  private char[] ask(String question, String unavailable) {
    char[] typed = prompt.read(question);
    if (typed == null) {
      throw new CliException(ExitCode.NO_SECRET, unavailable);
    }
    return typed;
  }

  /** The file's first line, without its line end. */
  private char[] fromFile(Path file) {
    warnIfOthersMayRead(file);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new CliException(ExitCode.NO_SECRET, "cannot read the secret file " + file + ": "
          + Failures.ofIo(e));
    }
    CharBuffer decoded;
    try {
      decoded = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
    } catch (CharacterCodingException e) {
      throw new CliException(ExitCode.NO_SECRET, "the secret file " + file + " is not UTF-8");
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
    int end = 0;
    while (end < decoded.limit() && decoded.get(end) != '\n' && decoded.get(end) != '\r') {
      end++;
    }
    char[] chars = new char[end];
    decoded.get(chars);
    Arrays.fill(decoded.array(), '\0');
    if (chars.length == 0) {
      throw new CliException(ExitCode.NO_SECRET, "the secret file " + file
          + " has an empty first line");
    }
    return chars;
  }
}
