package dev.secupass.samples.cli.demo;

import dev.secupass.api.PrincipalKind;
import dev.secupass.samples.cli.CliException;
import dev.secupass.samples.cli.ExitCode;
import dev.secupass.samples.cli.Launcher;
import dev.secupass.samples.cli.SecuPassCli;
import dev.secupass.samples.host.DirectoryUser;
import dev.secupass.samples.host.HostSettings;
import dev.secupass.samples.host.JdbcSettings;
import dev.secupass.samples.host.S3Settings;
import dev.secupass.samples.host.SampleHost;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Plays the seed story in a fresh data folder (a new temporary one unless {@code --dir} names an
 * empty one), which is left in place to explore with the other commands. With PostgreSQL or S3
 * settings the demo's tables and objects get a prefix of their own per run.
 */
@Command(name = "demo", description = "Play the whole SecuPass story, every party in turn, and"
    + " print what each one sees. Runs in a fresh data folder that stays for you to explore.")
public final class DemoCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--dir", paramLabel = "FOLDER", description = "An empty or new folder for the"
      + " demo's data (default: a new temporary folder).")
  @Nullable Path dir;

  @Override
  public Integer call() throws IOException {
    SecuPassCli root = SecuPassCli.of(spec);
    PrintWriter out = spec.commandLine().getOut();
    HostSettings settings = demoSettings(root.settings(), folder());
    SecuPassCli.warnOfWeakProfile(settings, spec.commandLine().getErr());
    Narrator say = new Narrator(out);
    long start = System.nanoTime();
    try (SampleHost host = SampleHost.open(settings)) {
      say.line("SecuPass demo: the seed story, every party played in turn in this process");
      say.line("storage: " + host.describe());
      DirectoryUser alice = host.directory().add("alice", PrincipalKind.EMPLOYEE,
          "alice@example.com");
      DirectoryUser paul = host.directory().add("paul", PrincipalKind.PARTNER,
          "paul@partner.example");
      say.line("the host's users: alice (employee, alice@example.com), paul (partner,"
          + " paul@partner.example); guests arrive by e-mail");
      Cast cast = new Cast(host, say, alice, paul);
      new GuestStory(cast).play();
      new PartnerStory(cast).play();
      new LinkStory(cast).play();
      new RoomStory(cast).play();
    }
    say.line("");
    say.line(String.format(Locale.ROOT, "The story ran in %.1f s. Its data stays in %s; look"
        + " around with, for example:", (System.nanoTime() - start) / 1e9,
        settings.dataFolder()));
    String again = "   " + Launcher.command() + " --data " + settings.dataFolder();
    say.line(again + " users list");
    say.line(again + " --as alice outbox");
    say.line(again + " mail " + Cast.GINA_ADDRESS);
    return ExitCode.OK.code();
  }

  private Path folder() throws IOException {
    if (dir == null) {
      return Files.createTempDirectory("secupass-demo-");
    }
    if (Files.isDirectory(dir)) {
      try (Stream<Path> entries = Files.list(dir)) {
        if (entries.findAny().isPresent()) {
          throw new CliException(ExitCode.CONFLICT, "the demo needs an empty or new folder; "
              + dir + " is not empty");
        }
      }
    }
    return dir;
  }

  /** The root's settings in {@code folder}, with a table and key prefix of this run's own. */
  private static HostSettings demoSettings(HostSettings base, Path folder) {
    byte[] tag = new byte[4];
    new SecureRandom().nextBytes(tag);
    String run = HexFormat.of().formatHex(tag);
    JdbcSettings jdbc = base.jdbc();
    S3Settings s3 = base.s3();
    return new HostSettings(folder,
        jdbc == null ? null : jdbc.withTablePrefix("demo_" + run + "_"),
        s3 == null ? null : s3.withKeyPrefix("demo-" + run),
        base.kdf(), base.clock());
  }
}
