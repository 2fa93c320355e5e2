package dev.secupass.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * A run builds only the command it runs (start-up: picocli reads each command by reflection), and
 * every run that lists commands, or that picocli must answer with "unknown", gets them all.
 */
class CommandTreeTest {
  private static final CliEnvironment ENVIRONMENT = new CliEnvironment(Map.of(),
      question -> null, Clock.systemUTC(), InputStream.nullInputStream(), false);

  @Test
  void commandNames_areTheClassesOwn() {
    for (Map.Entry<String, Class<?>> command : SecuPassCli.COMMANDS) {
      Command annotation = command.getValue().getAnnotation(Command.class);
      assertThat(annotation).as(command.getKey()).isNotNull();
      assertThat(annotation.name()).isEqualTo(command.getKey());
    }
  }

  @Test
  void aRun_buildsOnlyItsCommand_pastTheRootOptionsAndTheirValues() {
    assertThat(built("--data", "folder", "--as", "inbox", "--json", "inbox"))
        .containsOnlyKeys("inbox");
    assertThat(built("--data=folder", "-q", "rooms", "list")).containsOnlyKeys("rooms");
    assertThat(built("send", "--help")).containsOnlyKeys("send");
  }

  @Test
  void help_completion_andUnknownCommands_getEveryCommand() {
    int all = SecuPassCli.COMMANDS.size();
    assertThat(built("--help")).hasSize(all);
    assertThat(built("help", "send")).hasSize(all);
    assertThat(built("generate-completion")).hasSize(all);
    assertThat(built("fly")).hasSize(all);
    assertThat(built("--no-such-option", "inbox")).hasSize(all);
    assertThat(built()).hasSize(all);
  }

  private static Map<String, CommandLine> built(String... args) {
    return SecuPassCli.commandLine(ENVIRONMENT, args).getSubcommands();
  }
}
