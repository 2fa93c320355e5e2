package dev.secupass.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.samples.cli.io.SecretPrompt;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Every command the docs name exists: each {@code secupass ...} command line in docs/cli.md and
 * docs/web-sample.md (code blocks and inline code), and each command of cli.md's command table,
 * is parsed by the app's own command line, which must know every command and option in it.
 */
class DocsCommandsTest {
  private static final Pattern INLINE = Pattern.compile("`([^`]+)`");

  @Test
  void everyCommandTheDocsName_exists() throws IOException {
    List<String> named = new ArrayList<>();
    for (String doc : List.of("../../docs/cli.md", "../../docs/web-sample.md")) {
      named.addAll(commandLines(Files.readString(Path.of(doc))));
    }
    named.addAll(tableCommands(Files.readString(Path.of("../../docs/cli.md"))));

    assertThat(named).as("commands the docs name").hasSizeGreaterThan(30)
        .contains("secupass withdraw DELIVERY", "secupass rooms role ROOM USER ROLE",
            "secupass rooms mkdir ROOM FOLDER");
    List<String> unknown = new ArrayList<>();
    for (String line : named) {
      try {
        app().parseArgs(words(line.substring("secupass ".length())));
      } catch (UnmatchedArgumentException e) {
        unknown.add(line + "  <- " + e.getMessage());
      } catch (CommandLine.ParameterException e) {
        // A placeholder (DIGITS, 1-4) is no valid value; the command and options exist.
      }
    }
    assertThat(unknown).as("named in the docs but unknown to the app").isEmpty();
  }

  /** {@code secupass ...} lines of code blocks and inline code. */
  private static List<String> commandLines(String doc) {
    List<String> lines = new ArrayList<>();
    for (String line : doc.lines().toList()) {
      String code = line.strip().replaceFirst("\\s+#.*$", "");
      if (code.startsWith("secupass ")) {
        lines.add(code);
      }
    }
    Matcher inline = INLINE.matcher(doc);
    while (inline.find()) {
      if (inline.group(1).startsWith("secupass ")) {
        lines.add(inline.group(1));
      }
    }
    return lines;
  }

  /** The commands of the table under "## Commands", each span of a group row under its group. */
  private static List<String> tableCommands(String doc) {
    String table = doc.substring(doc.indexOf("| command | who | what |"));
    List<String> commands = new ArrayList<>();
    CommandLine app = app();
    for (String row : table.lines().skip(2).takeWhile(line -> line.startsWith("|")).toList()) {
      String cell = row.split("(?<!\\\\)\\|")[1];
      Matcher spans = INLINE.matcher(cell);
      String group = null;
      while (spans.find()) {
        String span = spans.group(1).replace("\\|", " ").replaceAll("[\\[\\]]", " ").strip();
        String first = span.split("\\s+")[0];
        if (app.getSubcommands().containsKey(first)) {
          commands.add("secupass " + span);
          CommandLine top = app.getSubcommands().get(first);
          group = top.getSubcommands().isEmpty() ? null : first;
        } else {
          assertThat(group).as("a table span that is no command: %s", span).isNotNull();
          commands.add("secupass " + group + " " + span);
        }
      }
    }
    return commands;
  }

  private static String[] words(String line) {
    List<String> words = new ArrayList<>();
    Matcher word = Pattern.compile("'[^']*'|\"[^\"]*\"|\\S+").matcher(line);
    while (word.find()) {
      words.add(word.group().replaceAll("^['\"]|['\"]$", ""));
    }
    return words.toArray(String[]::new);
  }

  private static CommandLine app() {
    SecretPrompt none = question -> null;
    return SecuPassCli.commandLine(new CliEnvironment(Map.of(), none, Clock.systemUTC(),
        InputStream.nullInputStream(), false));
  }
}
