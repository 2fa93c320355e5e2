package dev.secupass.samples.cli;

import dev.secupass.atrest.TinkKeysetFile;
import dev.secupass.samples.cli.commands.ActivateCommand;
import dev.secupass.samples.cli.commands.ChangeSecuPassCommand;
import dev.secupass.samples.cli.commands.ConfirmCommand;
import dev.secupass.samples.cli.commands.DownloadCommand;
import dev.secupass.samples.cli.commands.FingerprintCommand;
import dev.secupass.samples.cli.commands.KeyLogCommand;
import dev.secupass.samples.cli.commands.GrantsCommand;
import dev.secupass.samples.cli.commands.GuestCommand;
import dev.secupass.samples.cli.commands.InboxCommand;
import dev.secupass.samples.cli.commands.InitCommand;
import dev.secupass.samples.cli.commands.MailCommand;
import dev.secupass.samples.cli.commands.NoticesCommand;
import dev.secupass.samples.cli.commands.OpenCommand;
import dev.secupass.samples.cli.commands.OpenLinkCommand;
import dev.secupass.samples.cli.commands.OutboxCommand;
import dev.secupass.samples.cli.commands.ResetSecuPassCommand;
import dev.secupass.samples.cli.commands.RoomsCommand;
import dev.secupass.samples.cli.commands.SendCommand;
import dev.secupass.samples.cli.commands.StatusCommand;
import dev.secupass.samples.cli.commands.SweepCommand;
import dev.secupass.samples.cli.commands.UnlockCommand;
import dev.secupass.samples.cli.commands.UsersCommand;
import dev.secupass.samples.cli.commands.VerifyCommand;
import dev.secupass.samples.cli.commands.WhoamiCommand;
import dev.secupass.samples.cli.commands.WithdrawCommand;
import dev.secupass.samples.cli.demo.DemoCommand;
import dev.secupass.samples.cli.io.Secrets;
import dev.secupass.samples.host.HostSettings;
import dev.secupass.samples.host.JdbcSettings;
import dev.secupass.samples.host.KdfProfile;
import dev.secupass.samples.host.S3Settings;
import dev.secupass.samples.host.SampleHost;
import dev.secupass.samples.host.UserDirectory;
import dev.secupass.storage.jdbc.JdbcStorage;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.AutoComplete.GenerateCompletion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The root command: the options every command shares (the data folder, who is signed in, where
 * secrets come from, PostgreSQL and S3 settings) and the list of commands. Each option can also be
 * set by an environment variable named {@code SECUPASS_} and the option's name in capitals
 * ({@code --data} by {@code SECUPASS_DATA}, {@code --jdbc-url} by {@code SECUPASS_JDBC_URL}).
 */
@Command(name = "secupass",
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    version = "SecuPass SDK command-line sample 0.1.0",
    usageHelpWidth = 100,
    description = {
        "End-to-end encrypted deliveries and data rooms, on the SecuPass SDK.",
        "Start with 'demo'. Every option can also be set as SECUPASS_<OPTION> in the environment"
            + " (SECUPASS_DATA, SECUPASS_AS, SECUPASS_JDBC_URL...), or as OPTION=VALUE in a"
            + " configuration file (jdbc-url=..., s3-bucket=...): SECUPASS_CONFIG names it, else"
            + " ~/.secupass.properties if it exists. The storage options come before the"
            + " command. Secrets are typed at the"
            + " console without echo, or given for scripts in SECUPASS_PASS (the SecuPass),"
            + " SECUPASS_NEW_PASS (a new one), SECUPASS_PASSWORD (a guest's password),"
            + " SECUPASS_JDBC_PASSWORD, SECUPASS_S3_ACCESS_KEY and SECUPASS_S3_SECRET_KEY, or in"
            + " the files of --pass-file, --new-pass-file, --password-file."})
public final class SecuPassCli {
  /** The environment variable of the JDBC password. */
  public static final String JDBC_PASSWORD = "SECUPASS_JDBC_PASSWORD";
  /** The environment variable of the S3 access key id. */
  public static final String S3_ACCESS_KEY = "SECUPASS_S3_ACCESS_KEY";
  /** The environment variable of the S3 secret access key. */
  public static final String S3_SECRET_KEY = "SECUPASS_S3_SECRET_KEY";

  /**
   * The commands by name, in the order {@code --help} lists them. A run builds only the command it
   * runs: picocli reads every command it is given by reflection (annotations, fields, options,
   * an instance), which for all of them was a noticeable part of every command's start-up.
   * {@code --help}, {@code help}, completion and anything picocli must report as unknown get them
   * all. A test keeps the names equal to the classes' own.
   */
  static final List<Map.Entry<String, Class<?>>> COMMANDS = List.of(
      Map.entry("demo", DemoCommand.class),
      Map.entry("init", InitCommand.class),
      Map.entry("users", UsersCommand.class),
      Map.entry("whoami", WhoamiCommand.class),
      Map.entry("activate", ActivateCommand.class),
      Map.entry("unlock", UnlockCommand.class),
      Map.entry("change-secupass", ChangeSecuPassCommand.class),
      Map.entry("reset-secupass", ResetSecuPassCommand.class),
      Map.entry("fingerprint", FingerprintCommand.class),
      Map.entry("keylog", KeyLogCommand.class),
      Map.entry("verify", VerifyCommand.class),
      Map.entry("confirm", ConfirmCommand.class),
      Map.entry("send", SendCommand.class),
      Map.entry("inbox", InboxCommand.class),
      Map.entry("outbox", OutboxCommand.class),
      Map.entry("status", StatusCommand.class),
      Map.entry("open", OpenCommand.class),
      Map.entry("download", DownloadCommand.class),
      Map.entry("withdraw", WithdrawCommand.class),
      Map.entry("open-link", OpenLinkCommand.class),
      Map.entry("grants", GrantsCommand.class),
      Map.entry("notices", NoticesCommand.class),
      Map.entry("mail", MailCommand.class),
      Map.entry("guest", GuestCommand.class),
      Map.entry("rooms", RoomsCommand.class),
      Map.entry("sweep", SweepCommand.class),
      Map.entry("help", HelpCommand.class),
      Map.entry("generate-completion", GenerateCompletion.class));
  /** The commands that need all the others: they list them. */
  private static final Set<String> LISTING = Set.of("help", "generate-completion");

  private final CliEnvironment environment;
  /** The user directory of the command's host, once opened: error messages name its users. */
  private @Nullable UserDirectory directory;
  /** Why the configuration file could not be read, reported when a command needs settings. */
  private @Nullable CliException configProblem;

  @Option(names = "--data", scope = ScopeType.INHERIT, paramLabel = "FOLDER", order = 1,
      description = "The data folder: H2 database, encrypted files, the host's at-rest key and"
          + " the user directory (default: ${DEFAULT-VALUE}).")
  Path data = Path.of("secupass-data");

  @Option(names = "--as", scope = ScopeType.INHERIT, paramLabel = "NAME", order = 2,
      description = "Act as this employee or partner of the user directory (the host's sign-in).")
  @Nullable String as;

  @Option(names = "--guest", scope = ScopeType.INHERIT, paramLabel = "USERNAME", order = 3,
      description = "Act as this guest, signed in with username and password.")
  @Nullable String guest;

  @Option(names = "--pass-file", scope = ScopeType.INHERIT, paramLabel = "FILE", order = 4,
      description = "Read the SecuPass from the first line of this file.")
  @Nullable Path passFile;

  @Option(names = "--new-pass-file", scope = ScopeType.INHERIT, paramLabel = "FILE", order = 5,
      description = "Read a new SecuPass (activate, change, reset) from this file.")
  @Nullable Path newPassFile;

  @Option(names = "--password-file", scope = ScopeType.INHERIT, paramLabel = "FILE", order = 6,
      description = "Read the guest's password from this file.")
  @Nullable Path passwordFile;

  @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, order = 7,
      description = "Print only results and errors: no e-mail lines, progress bars or warnings.")
  boolean quiet;

  @Option(names = "--json", scope = ScopeType.INHERIT, order = 8,
      description = "Print results and listings as one JSON document (errors too, on standard"
          + " error), for scripts.")
  boolean json;

  @Option(names = "--jdbc-url", scope = ScopeType.LOCAL, paramLabel = "URL", order = 10,
      description = "Keep the metadata in this database instead of H2 files, e.g."
          + " jdbc:postgresql://127.0.0.1:5432/secupass (password: SECUPASS_JDBC_PASSWORD).")
  @Nullable String jdbcUrl;

  @Option(names = "--jdbc-user", scope = ScopeType.LOCAL, paramLabel = "USER", order = 11,
      description = "The database user.")
  @Nullable String jdbcUser;

  @Option(names = "--jdbc-table-prefix", scope = ScopeType.LOCAL, paramLabel = "PREFIX",
      order = 12, description = "The prefix of SecuPass's tables (default: ${DEFAULT-VALUE}).")
  String jdbcTablePrefix = JdbcStorage.DEFAULT_TABLE_PREFIX;

  @Option(names = "--s3-bucket", scope = ScopeType.LOCAL, paramLabel = "BUCKET", order = 20,
      description = "Keep the encrypted files in this S3 bucket instead of the data folder"
          + " (keys: SECUPASS_S3_ACCESS_KEY and SECUPASS_S3_SECRET_KEY, else the AWS chain).")
  @Nullable String s3Bucket;

  @Option(names = "--s3-endpoint", scope = ScopeType.LOCAL, paramLabel = "URL", order = 21,
      description = "The address of an S3-compatible server (default: AWS).")
  @Nullable URI s3Endpoint;

  @Option(names = "--s3-region", scope = ScopeType.LOCAL, paramLabel = "REGION", order = 22,
      description = "The S3 signing region.")
  @Nullable String s3Region;

  @Option(names = "--s3-path-style", scope = ScopeType.LOCAL, order = 23,
      description = "Put the bucket in the path; most S3-compatible servers need it.")
  boolean s3PathStyle;

  @Option(names = "--s3-key-prefix", scope = ScopeType.LOCAL, paramLabel = "PREFIX",
      order = 24, description = "The prefix of every object key (default: none).")
  String s3KeyPrefix = "";

  @Option(names = "--kdf-profile", scope = ScopeType.LOCAL, hidden = true,
      paramLabel = "PROFILE", description = "'default', or 'test' for weak Argon2id parameters"
          + " that only test suites may use.")
  String kdfProfile = KdfProfile.DEFAULT.label();

  public SecuPassCli(CliEnvironment environment) {
    this.environment = environment;
  }

  /**
   * The app as a picocli {@link CommandLine}, with its error handling: every failure becomes one
   * line on the error stream and an {@link ExitCode}.
   */
  public static CommandLine commandLine(CliEnvironment environment) {
    return commandLine(environment, null);
  }

  /**
   * The app as a picocli {@link CommandLine} for running {@code arguments}: with only the command
   * they name, or every command if they name none or one picocli does not know.
   */
  public static CommandLine commandLine(CliEnvironment environment,
      String @Nullable [] arguments) {
    SecuPassCli root = new SecuPassCli(environment);
    CommandLine line = new CommandLine(root);
    String named = arguments == null ? null : commandIn(line.getCommandSpec(), arguments);
    for (Map.Entry<String, Class<?>> command : COMMANDS) {
      if (named == null || named.equals(command.getKey())) {
        line.addSubcommand(command.getKey(), command.getValue());
      }
    }
    // A link's '#' would start a comment in picocli's @-files: links read @FILE themselves.
    line.setExpandAtFiles(false);
    line.setExecutionExceptionHandler((failure, command, parsed) -> root.report(command,
        failure));
    Map<String, String> codes = new LinkedHashMap<>();
    for (ExitCode code : ExitCode.values()) {
      codes.put(String.valueOf(code.code()), code.meaning());
    }
    line.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n")
        .exitCodeList(codes);
    line.setParameterExceptionHandler((failure, args) -> {
      PrintWriter err = failure.getCommandLine().getErr();
      String message = Failures.of(failure).message() + " (see '"
          + failure.getCommandLine().getCommandSpec().qualifiedName() + " --help')";
      err.println(root.json ? Json.object("error", message, "exit_code", ExitCode.USAGE.code())
          : "error: " + message);
      return ExitCode.USAGE.code();
    });
    Set<String> rootOptions = line.getCommandSpec().options().stream()
        .map(OptionSpec::longestName).collect(Collectors.toSet());
    Properties config = new Properties();
    try {
      config.putAll(Config.load(environment));
    } catch (CliException e) {
      root.configProblem = e;
    }
    line.setDefaultValueProvider(option -> option instanceof OptionSpec spec
        && rootOptions.contains(spec.longestName())
        ? environment.variable(variableOf(spec.longestName()))
            .orElse(config.getProperty(spec.longestName().replaceFirst("^-+", "")))
        : null);
    return line;
  }

  /**
   * The command {@code args} run, if it is one of {@link #COMMANDS} that does not list the others:
   * the first argument that is neither a root option nor its value.
   */
  private static @Nullable String commandIn(CommandSpec rootSpec, String[] args) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("-") || arg.equals("-")) {
        boolean known = COMMANDS.stream().anyMatch(command -> command.getKey().equals(arg));
        return known && !LISTING.contains(arg) ? arg : null;
      }
      int equals = arg.indexOf('=');
      OptionSpec option = rootSpec.findOption(equals < 0 ? arg : arg.substring(0, equals));
      if (option == null) {
        return null;  // a typo, or clustered short options: picocli sees every command
      }
      if (option.arity().max() > 0 && equals < 0) {
        i++;
      }
    }
    return null;
  }

  /** The root command of a command's {@code spec}. */
  public static SecuPassCli of(CommandSpec spec) {
    return (SecuPassCli) spec.root().userObject();
  }

  public CliEnvironment environment() {
    return environment;
  }

  /**
   * The host settings the options give.
   *
   * @throws CliException with {@link ExitCode#SETUP} for a setting the host cannot use
   */
  public HostSettings settings() {
    if (configProblem != null) {
      throw configProblem;
    }
    try {
      return new HostSettings(data, jdbc(), s3(), KdfProfile.of(kdfProfile), environment.clock());
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCode.SETUP, e.getMessage());
    }
  }

  /** Opens the host of an existing data folder for one command; the caller closes it. */
  public Invocation invocation(CommandSpec spec) {
    return invocation(spec, false);
  }

  /**
   * Opens the host for one command; the caller closes it.
   *
   * @param create whether a missing data folder is created ({@code init}); otherwise a missing
   *     one is a {@link ExitCode#SETUP} failure that names the folder and says how to make one
   */
  public Invocation invocation(CommandSpec spec, boolean create) {
    CommandLine line = spec.commandLine();
    HostSettings settings = settings();
    if (!create && !dataFolderExists()) {
      throw new CliException(ExitCode.SETUP, "there is no SecuPass data folder at " + data
          + ": check --data (or SECUPASS_DATA), or create one with 'init'");
    }
    if (!quiet && !json) {
      warnOfWeakProfile(settings, line.getErr());
    }
    SampleHost host = open(settings);
    directory = host.directory();
    Secrets secrets = new Secrets(environment.variables(), environment.prompt(), passFile,
        newPassFile, passwordFile, warning -> {
          if (!quiet && !json) {
            line.getErr().println("warning: " + warning);
          }
        });
    return new Invocation(host, line.getOut(), line.getErr(), secrets, as, guest,
        environment.input(),
        new Invocation.Style(quiet, json, environment.terminal()));
  }

  /** The data folder as the user gave it. */
  public Path dataFolder() {
    return data;
  }

  /** Whether {@code --data} names a data folder made by {@code init} or the demo. */
  public boolean dataFolderExists() {
    return Files.isRegularFile(data.resolve(TinkKeysetFile.FILE_NAME));
  }

  /** Warns that the test profile's weak Argon2id parameters are in use. */
  public static void warnOfWeakProfile(HostSettings settings, PrintWriter err) {
    if (settings.kdf() == KdfProfile.TEST) {
      err.println("warning: Argon2id test profile (" + settings.kdf().cost() + "): for tests"
          + " only, never for real SecuPasses");
    }
  }

  private @Nullable JdbcSettings jdbc() {
    if (jdbcUrl == null) {
      return null;
    }
    return new JdbcSettings(jdbcUrl, jdbcUser == null ? "" : jdbcUser,
        environment.variable(JDBC_PASSWORD).orElse(""), jdbcTablePrefix);
  }

  private @Nullable S3Settings s3() {
    if (s3Bucket == null) {
      if (s3Endpoint != null || s3Region != null || s3PathStyle || !s3KeyPrefix.isEmpty()) {
        throw new CliException(ExitCode.USAGE, "S3 options need --s3-bucket");
      }
      return null;
    }
    return new S3Settings(s3Bucket, s3Endpoint, s3Region, s3PathStyle, s3KeyPrefix,
        environment.variable(S3_ACCESS_KEY).orElse(null),
        environment.variable(S3_SECRET_KEY).orElse(null));
  }

  private int report(CommandLine command, Exception failure) {
    Failures.Failure reported = Failures.of(failure);
    String message = Wording.of(reported.message(), directory);
    if (json) {
      command.getErr().println(Json.object("error", message, "exit_code",
          reported.code().code()));
      return reported.code().code();
    }
    command.getErr().println("error: " + message);
    return reported.code().code();
  }

  /**
   * Opens the host; H2's lock on a folder another process has open becomes one line that says
   * so, instead of the database's page of text.
   */
  private SampleHost open(HostSettings settings) {
    try {
      return SampleHost.open(settings);
    } catch (RuntimeException e) {
      if (settings.jdbc() == null && lockedByAnother(e)) {
        throw new CliException(ExitCode.BUSY, "another secupass process is using this data"
            + " folder (" + data + "); try again when it has finished");
      }
      throw e;
    }
  }

  private static boolean lockedByAnother(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      String message = cause.getMessage();
      if (message != null && (message.contains("already in use")
          || message.contains("90020") || message.contains("Locked by another process"))) {
        return true;
      }
    }
    return false;
  }

  /** {@code --jdbc-url} to {@code SECUPASS_JDBC_URL}. */
  static String variableOf(String option) {
    return "SECUPASS_" + option.replaceFirst("^-+", "").replace('-', '_')
        .toUpperCase(Locale.ROOT);
  }
}
