package dev.secupass.samples.cli;

import dev.secupass.api.Person;
import dev.secupass.api.PrincipalKind;
import dev.secupass.api.UserId;
import dev.secupass.core.SecuPassSdk;
import dev.secupass.core.SignedInUser;
import dev.secupass.core.guests.Password;
import dev.secupass.core.keys.SecuPass;
import dev.secupass.core.keys.SecuPassSession;
import dev.secupass.samples.cli.io.Secrets;
import dev.secupass.samples.cli.mail.Mailer;
import dev.secupass.samples.cli.mail.Notices;
import dev.secupass.samples.host.DirectoryUser;
import dev.secupass.samples.host.SampleHost;
import dev.secupass.samples.host.UserDirectory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One command's run: the opened host, the output streams, the secrets, and who is signed in. The
 * sample's sign-in is the host's: {@code --as NAME} stands for an employee or partner the host
 * authenticated, {@code --guest USERNAME} signs a guest in through the SDK with their password.
 */
public final class Invocation implements AutoCloseable {
  private final SampleHost host;
  private final PrintWriter out;
  private final PrintWriter err;
  private final Secrets secrets;
  private final @Nullable String as;
  private final @Nullable String guest;
  private final Style style;
  private final InputStream input;
  private @Nullable SignedInUser signedIn;
  /** The command's JSON result, built up by {@link #field} and {@link #add}. */
  private final Map<String, @Nullable Object> fields = new LinkedHashMap<>();
  private boolean printed;

  /**
   * How output is shaped.
   *
   * @param quiet only results and errors
   * @param json results as JSON
   * @param terminal a person watches (progress bars are drawn)
   */
  public record Style(boolean quiet, boolean json, boolean terminal) {}

  Invocation(SampleHost host, PrintWriter out, PrintWriter err, Secrets secrets,
      @Nullable String as, @Nullable String guest, InputStream input, Style style) {
    this.input = input;
    this.style = style;
    this.host = host;
    this.out = out;
    this.err = err;
    this.secrets = secrets;
    this.as = as;
    this.guest = guest;
  }

  public SecuPassSdk sdk() {
    return host.sdk();
  }

  public UserDirectory directory() {
    return host.directory();
  }

  public SampleHost host() {
    return host;
  }

  /** Where results go. */
  public PrintWriter out() {
    return out;
  }

  public Style style() {
    return style;
  }

  /** Whether results are printed as JSON. */
  public boolean json() {
    return style.json();
  }

  /**
   * Prints a command's result: {@code human} lines, or with {@code --json} the JSON document
   * {@code json} as one line.
   */
  public void result(Supplier<String> human, Object json) {
    out.println(style.json() ? Json.write(json) : human.get());
    printed = true;
  }

  /** A line of the command's human output, printed now; with {@code --json} it is left out. */
  public void say(String line) {
    if (!style.json()) {
      out.println(line);
    }
  }

  /**
   * A field of the command's JSON result, which is printed as one object when the command ends
   * ({@link #finish}); without {@code --json} nothing.
   */
  public Invocation field(String key, @Nullable Object value) {
    fields.put(key, value);
    return this;
  }

  /** Adds {@code item} to the list in the JSON result's field {@code key}. */
  @SuppressWarnings("unchecked")
  public Invocation add(String key, Object item) {
    Object list = fields.computeIfAbsent(key, k -> new ArrayList<>());
    ((List<Object>) Objects.requireNonNull(list)).add(item);
    return this;
  }

  /**
   * Ends the command's output: with {@code --json}, the fields as one JSON object, unless the
   * command printed its result with {@link #result} (every command prints exactly one JSON
   * document).
   */
  public void finish() {
    if (style.json() && !printed) {
      out.println(Json.write(fields));
      printed = true;
    }
  }

  /**
   * A link or token as the user gave it: {@code -} reads the first line of standard input and
   * {@code @FILE} the first line of a file, so that it stays out of the shell's history.
   *
   * @throws CliException with {@link ExitCode#USAGE} if there is no line to read
   */
  public String link(String argument) {
    if (!argument.equals("-") && !argument.startsWith("@")) {
      return argument;
    }
    String source = argument.equals("-") ? "standard input" : argument.substring(1);
    try (BufferedReader reader = argument.equals("-")
        ? new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8))
        : Files.newBufferedReader(Path.of(source), StandardCharsets.UTF_8)) {
      String line = reader.readLine();
      if (line == null || line.isBlank()) {
        throw new CliException(ExitCode.USAGE, "no link in " + source);
      }
      return line.strip();
    } catch (IOException e) {
      throw new CliException(ExitCode.LOCAL_FILE, "cannot read the link: " + Failures.ofIo(e));
    }
  }

  /** Where progress bars go: the error stream on a terminal, else nowhere. */
  public PrintWriter progress() {
    return style.terminal() && !style.quiet() && !style.json() ? err
        : new PrintWriter(Writer.nullWriter());
  }

  /** Where progress bars and warnings go. */
  public PrintWriter err() {
    return err;
  }

  /** What the host remembers about keys: verified pins and resets. */
  public KeyNotes keyNotes() {
    return new KeyNotes(host.settings().dataFolder());
  }

  /**
   * Whether what {@code granter} grants {@code subject} is held back until they compare
   * fingerprints: {@code subject}'s current keys come from a reset {@code granter} has not
   * verified.
   */
  public boolean heldBackByReset(UserId granter, UserId subject) {
    return sdk().secuPass().fingerprint(subject)
        .map(current -> keyNotes().unverifiedReset(granter, subject, current))
        .orElse(false);
  }

  /** How the host words its notices and e-mails. */
  public Notices notices() {
    return new Notices(directory(), this::heldBackByReset);
  }

  public Secrets secrets() {
    return secrets;
  }

  /**
   * Who runs the command: the employee or partner of {@code --as}, or the guest of {@code
   * --guest} after signing in with their password.
   *
   * @throws CliException with {@link ExitCode#SIGN_IN} if neither is given or the name is unknown
   * @throws dev.secupass.api.WrongCredentialsException for a wrong username or password
   */
  public SignedInUser user() {
    if (signedIn == null) {
      signedIn = signIn();
    }
    return signedIn;
  }

  /** How the app names a user: the directory's name, or the id. */
  public String name(UserId user) {
    return directory().nameOf(user);
  }

  /**
   * How a person the SDK names is shown: the directory's name, else the address the SDK knows (a
   * guest's), else the user id.
   */
  public String name(Person person) {
    return directory().byId(person.user()).isPresent() ? name(person.user())
        : person.displayName();
  }

  /** The signed-in user's name. */
  public String name() {
    return name(user().user());
  }

  /**
   * Unlocks the signed-in user's SecuPass, read from the console, environment or file. The SDK
   * then fulfils every grant the user can.
   *
   * @throws dev.secupass.api.WrongSecuPassException if it is wrong
   * @throws dev.secupass.api.SecuPassRequiredException if the user has none
   */
  public SecuPassSession unlock() {
    SignedInUser user = user();
    sdk().secuPass().requireSecuPass(user.user());
    try (SecuPass pass = secrets.secuPass(name())) {
      return sdk().secuPass().unlock(user.user(), pass);
    }
  }

  /**
   * A person of the directory by name, or by e-mail address (guests).
   *
   * @throws CliException with {@link ExitCode#NOT_FOUND} if the directory has no such person
   */
  public DirectoryUser person(String nameOrAddress) {
    return directory().byName(nameOrAddress)
        .or(() -> directory().byEmail(nameOrAddress))
        .orElseThrow(() -> new CliException(ExitCode.NOT_FOUND, "no user '" + nameOrAddress
            + "' in the user directory"));
  }

  /** Sends the host's pending e-mails (prints a line each) and marks them sent. */
  public void deliverMail() {
    new Mailer(sdk(), directory(), notices()).deliverPending(style.quiet() || style.json()
        ? new PrintWriter(Writer.nullWriter()) : out);
  }

  @Override
  public void close() {
    host.close();
  }

  private SignedInUser signIn() {
    if (as != null && guest != null) {
      throw new CliException(ExitCode.USAGE, "give --as or --guest, not both");
    }
    if (as != null) {
      DirectoryUser user = directory().byName(as)
          .filter(found -> found.kind() != PrincipalKind.GUEST)
          .orElseThrow(() -> new CliException(ExitCode.ACTION_REQUIRED, "no employee or partner named '"
              + as + "' in the user directory (add one with 'users add')"));
      return user.signedIn();
    }
    if (guest != null) {
      try (Password password = secrets.password(guest)) {
        return sdk().guests().signIn(guest, password);
      }
    }
    throw new CliException(ExitCode.ACTION_REQUIRED, "this command needs a signed-in user: give --as NAME"
        + " or --guest USERNAME");
  }
}
