package dev.secupass.samples.cli.jar;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.secupass.samples.cli.CliEnvironment;
import dev.secupass.samples.cli.SecuPassCli;
import dev.secupass.samples.cli.testing.CliRun;
import dev.secupass.samples.cli.testing.Jar;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code --json} on every command that lists or reports a result, through the jar: each run's
 * standard output is exactly one strict JSON document, with the fields a script needs. The test
 * also walks the app's command tree, so a command added later without a run here fails it.
 */
class JsonOutputIT {
  private static final String PASS = "json test secupass one";
  private static final String NEW_PASS = "json test secupass two";
  /** Commands that are not results: the story, picocli's help and completion script. */
  private static final Set<String> NOT_RESULTS = Set.of("demo", "help", "generate-completion");
  /** The commands that group others. */
  private static final Set<String> GROUPS = Set.of("users", "rooms", "guest");

  @TempDir
  Path temp;

  private final Set<String> ran = new TreeSet<>();
  private Jar jar;

  @Test
  void everyResultCommand_printsOneJsonDocument() throws IOException {
    jar = new Jar(temp.resolve("data"));
    Path file = Files.writeString(temp.resolve("report.txt"), "a report");
    Path saveTo = Files.createDirectory(temp.resolve("saved"));

    assertThat(object("init").get("created").getAsBoolean()).isTrue();
    object("users", "add", "alice", "--employee");
    object("users", "add", "bob", "--partner");
    jar.env("SECUPASS_NEW_PASS", PASS).env("SECUPASS_PASS", PASS);
    assertThat(object("--as", "alice", "activate").get("fingerprint").getAsString())
        .matches("[0-9 ]+");
    String bobPrint = object("--as", "bob", "activate").get("fingerprint").getAsString();
    assertThat(array("users", "list")).hasSize(2);
    object("--as", "alice", "whoami");
    object("--as", "alice", "fingerprint");

    JsonObject sent = object("--as", "alice", "send", "--to", "bob", "--subject", "Report",
        file.toString());
    String id = sent.get("id").getAsString();
    assertThat(sent.get("level").getAsInt()).isEqualTo(3);
    // The default first-contact policy holds bob's never-verified keys: nothing pinned yet.
    assertThat(object("--as", "alice", "fingerprint", "bob").get("pin").getAsString())
        .isEqualTo("not_pinned");
    assertThat(object("--as", "alice", "verify", "bob", bobPrint).get("verified").getAsString())
        .isEqualTo("bob");
    object("--as", "alice", "unlock"); // releases the held delivery to the keys she verified
    assertThat(array("--as", "alice", "outbox")).hasSize(1);
    assertThat(object("--as", "alice", "status", id).getAsJsonArray("recipients")).hasSize(1);
    assertThat(array("--as", "bob", "inbox")).hasSize(1);
    array("--as", "bob", "notices");
    assertThat(object("--as", "bob", "open", id).get("subject").getAsString())
        .isEqualTo("Report");
    assertThat(object("--as", "bob", "download", id, "--out", saveTo.toString())
        .getAsJsonArray("saved")).hasSize(1);
    array("--as", "alice", "grants");
    object("--as", "alice", "unlock");
    object("--as", "alice", "keylog");
    object("mail", "bob");

    String room = object("--as", "alice", "rooms", "create", "Plans").get("id").getAsString();
    assertThat(array("--as", "alice", "rooms", "list")).hasSize(1);
    assertThat(object("--as", "alice", "rooms", "invite", room, "bob").get("key_granted")
        .getAsBoolean()).isTrue();
    object("--as", "alice", "rooms", "mkdir", room, "drafts");
    assertThat(object("--as", "alice", "rooms", "upload", room, file.toString())
        .getAsJsonArray("uploaded")).hasSize(1);
    object("--as", "alice", "rooms", "role", room, "bob", "editor");
    assertThat(object("--as", "bob", "rooms", "show", room).getAsJsonArray("members"))
        .hasSize(2);
    object("--as", "bob", "rooms", "download", room, "--out",
        Files.createDirectory(temp.resolve("room")).toString());
    object("--as", "alice", "rooms", "remove", room, "bob");

    JsonObject link = object("--as", "alice", "send", "--level", "1", "--to", "bob",
        file.toString());
    object("open-link", link.get("link").getAsString(), "--list");
    object("--as", "alice", "withdraw", id);
    object("sweep");

    String guestSent = object("--as", "alice", "send", "--to", "gina@example.org",
        file.toString()).get("id").getAsString();
    String invitation = invitationIn(object("mail", "gina@example.org"));
    assertThat(object("guest", "arrive", invitation).get("delivery").getAsString())
        .isEqualTo(guestSent);
    jar.env("SECUPASS_PASSWORD", "gina's password 42");
    object("guest", "register", invitation, "--username", "gina");
    String words = object("--guest", "gina", "activate").get("safety_words").getAsString();
    JsonObject unlocked = object("--as", "alice", "unlock");
    assertThat(unlocked.getAsJsonArray("awaiting_confirmation")).hasSize(1);
    List<String> confirm = new ArrayList<>(List.of("--as", "alice", "confirm",
        "gina@example.org"));
    confirm.addAll(List.of(words.split(" ")));
    object(confirm.toArray(String[]::new));

    jar.env("SECUPASS_NEW_PASS", NEW_PASS);
    object("--as", "bob", "change-secupass");
    object("--as", "bob", "reset-secupass", "--yes");

    assertThat(ran).as("commands run with --json").containsAll(resultCommands());
  }

  /** Every runnable command of the app, as "rooms invite", except {@link #NOT_RESULTS}. */
  private static Set<String> resultCommands() {
    CommandLine root = SecuPassCli.commandLine(new CliEnvironment(Map.of(), question -> null,
        Clock.systemUTC(), InputStream.nullInputStream(), false));
    Set<String> names = new TreeSet<>();
    collect(root, names);
    return names;
  }

  private static void collect(CommandLine line, Set<String> names) {
    for (CommandLine sub : line.getSubcommands().values()) {
      String name = sub.getCommandSpec().qualifiedName(" ").replaceFirst("^secupass ", "");
      if (NOT_RESULTS.contains(name)) {
        continue;
      }
      if (sub.getSubcommands().isEmpty()) {
        names.add(name);
      } else {
        collect(sub, names);
      }
    }
  }

  private JsonObject object(String... args) {
    JsonElement json = run(args);
    assertThat(json.isJsonObject()).as("an object from %s: %s", List.of(args), json).isTrue();
    return json.getAsJsonObject();
  }

  private JsonArray array(String... args) {
    JsonElement json = run(args);
    assertThat(json.isJsonArray()).as("an array from %s: %s", List.of(args), json).isTrue();
    return json.getAsJsonArray();
  }

  /** Runs the command with --json, checks it ended well and returns its one JSON document. */
  private JsonElement run(String... args) {
    ran.add(commandOf(args));
    CliRun run = jar.run(Stream.concat(Stream.of("--json"), Stream.of(args))
        .toArray(String[]::new));
    return strict(run.ok(), List.of(args));
  }

  /** The command's name in {@code args}, as "rooms invite": after the sign-in options. */
  private static String commandOf(String... args) {
    int i = 0;
    while (args[i].equals("--as") || args[i].equals("--guest")) {
      i += 2;
    }
    return GROUPS.contains(args[i]) ? args[i] + " " + args[i + 1] : args[i];
  }

  /** {@code out} as exactly one JSON document, parsed strictly. */
  private static JsonElement strict(String out, List<String> args) {
    try (JsonReader reader = new JsonReader(new StringReader(out))) {
      reader.setStrictness(Strictness.STRICT);
      JsonElement json = JsonParser.parseReader(reader);
      assertThat(reader.peek()).as("one document from %s: %s", args, out)
          .isEqualTo(JsonToken.END_DOCUMENT);
      return json;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      throw new AssertionError("not JSON from " + args + ": " + out, e);
    }
  }

  private static String invitationIn(JsonObject mail) {
    for (JsonElement each : mail.getAsJsonArray("mail")) {
      for (String line : each.getAsJsonObject().get("body").getAsString().split("\n")) {
        if (line.startsWith("Open your invitation: ")) {
          return line.substring("Open your invitation: ".length());
        }
      }
    }
    throw new AssertionError("no invitation in " + mail);
  }
}
