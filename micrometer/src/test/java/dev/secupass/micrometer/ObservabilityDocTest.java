package dev.secupass.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secupass.core.SecuPassSdk;
import dev.secupass.core.TinkAtRestKey;
import dev.secupass.core.fs.FileSystemBlobStore;
import dev.secupass.core.memory.MemoryStorage;
import dev.secupass.core.observe.ObservationTag;
import dev.secupass.core.observe.Operation;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/observability.md against what the module really registers: every operation's observation
 * and span name is a row of its table; every meter the seed story and the backlog gauges put in a
 * registry is named in a table, and every tag key on them is a row of the tag table, with each
 * value of the tags whose values are a closed set.
 */
class ObservabilityDocTest {
  private static final Path DOC = Path.of("..", "docs", "observability.md");
  /** Tags whose values the doc describes rather than lists (class names, SPI method names). */
  private static final Set<String> OPEN_VALUES = Set.of("failure", "call");

  @Test
  void everyOperation_isARowWithItsSpanName() throws IOException {
    List<List<String>> rows = rows(Files.readString(DOC, StandardCharsets.UTF_8));
    for (Operation operation : Operation.values()) {
      assertThat(rows).as("a row for %s", operation.observationName())
          .anySatisfy(cells -> assertThat(cells).startsWith(
              "`" + operation.observationName() + "`", "`" + operation.contextualName() + "`"));
    }
  }

  @Test
  void everyRegisteredMeterAndTag_isDocumented(@TempDir Path dir) throws IOException {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    ObservationRegistry observations = ObservationRegistry.create();
    observations.observationConfig()
        .observationHandler(new DefaultMeterObservationHandler(meters))
        .observationHandler(new SecuPassCountsHandler(meters));
    new SeedStory().run(dir.resolve("story"), MicrometerObserver.of(observations));
    try (SecuPassSdk sdk = SecuPassSdk.builder()
        .storage(new MemoryStorage(Clock.systemUTC()))
        .blobStore(new FileSystemBlobStore(dir.resolve("blobs")))
        .atRestKey(TinkAtRestKey.generate())
        .build()) {
      GrantBacklogMetrics.of(sdk.grants()).bindTo(meters);
    }

    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    List<List<String>> rows = rows(doc);
    Set<String> documentedNames = new TreeSet<>();
    rows.forEach(cells -> documentedNames.add(cells.get(0)));
    Set<String> undocumented = new TreeSet<>();
    Set<String> tagValues = new TreeSet<>();
    for (Meter meter : meters.getMeters()) {
      String name = meter.getId().getName();
      // Micrometer's meter handler adds a long-task timer <observation>.active to each.
      String documentedAs = name.endsWith(".active")
          ? name.substring(0, name.length() - ".active".length()) : name;
      if (!documentedNames.contains("`" + documentedAs + "`")) {
        undocumented.add(name);
      }
      for (Tag tag : meter.getId().getTags()) {
        tagValues.add(tag.getKey() + "=" + tag.getValue());
      }
    }
    assertThat(undocumented).as("meters without a row in %s", DOC).isEmpty();

    for (String keyValue : tagValues) {
      String key = keyValue.substring(0, keyValue.indexOf('='));
      String value = keyValue.substring(keyValue.indexOf('=') + 1);
      List<String> row = rows.stream().filter(cells -> cells.get(0).equals("`" + key + "`"))
          .findFirst().orElse(null);
      assertThat(row).as("a row of the tag table for %s", key).isNotNull();
      if (!OPEN_VALUES.contains(key)) {
        assertThat(row.get(1)).as("the documented values of %s", key)
            .contains("`" + value + "`");
      }
    }
    for (ObservationTag tag : ObservationTag.values()) {
      assertThat(rows).as("a row of the tag table for %s", tag.key())
          .anySatisfy(cells -> assertThat(cells.get(0)).isEqualTo("`" + tag.key() + "`"));
    }
  }

  /** The cells of every table row of {@code markdown} (not the header separators). */
  private static List<List<String>> rows(String markdown) {
    List<List<String>> rows = new ArrayList<>();
    Matcher line = Pattern.compile("(?m)^\\|(.*)\\|\\s*$").matcher(markdown);
    while (line.find()) {
      if (line.group(1).startsWith("---")) {
        continue;
      }
      List<String> cells = new ArrayList<>();
      for (String cell : line.group(1).split("\\|")) {
        cells.add(cell.trim());
      }
      rows.add(cells);
    }
    return rows;
  }
}
