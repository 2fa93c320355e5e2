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
import java.util.Arrays;
import java.util.Map;
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

  public Secrets(Map<String, String> environment, SecretPrompt prompt, @Nullable Path passFile,
      @Nullable Path newPassFile, @Nullable Path passwordFile) {
    this.environment = Map.copyOf(environment);
    this.prompt = prompt;
    this.passFile = passFile;
    this.newPassFile = newPassFile;
    this.passwordFile = passwordFile;
  }

  /** The SecuPass of {@code who}, to unlock it. */
  public SecuPass secuPass(String who) {
    char[] chars = read(passFile, "--pass-file", PASS, who + "'s SecuPass", false);
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
        true);
    try {
      if (chars.length < SampleHost.MIN_SECUPASS_LENGTH) {
        throw new IllegalArgumentException("a SecuPass must have at least "
            + SampleHost.MIN_SECUPASS_LENGTH + " characters");
      }
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
        (choosing ? "a new password for " : "the password of ") + username, choosing);
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
   */
  private char[] read(@Nullable Path file, String option, String variable, String what,
      boolean twice) {
    if (file != null) {
      return fromFile(file);
    }
    String value = environment.get(variable);
    if (value != null && !value.isEmpty()) {
      return value.toCharArray();
    }
    String unavailable = "no console to ask for " + what + ": set " + variable + " or give "
        + option + " FILE";
    char[] first = ask(what + ": ", unavailable);
    if (!twice) {
      return first;
    }
    char[] second = ask("again, to be sure: ", unavailable);
    try {
      if (!Arrays.equals(first, second)) {
        Arrays.fill(first, '\0');
        throw new IllegalArgumentException("the two entries differ");
      }
      return first;
    } finally {
      Arrays.fill(second, '\0');
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
  private static char[] fromFile(Path file) {
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
