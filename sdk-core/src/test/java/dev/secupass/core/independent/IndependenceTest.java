package dev.secupass.core.independent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The independent reader uses the JDK, BouncyCastle and the tests' JSON and assertions only. */
class IndependenceTest {
  private static final Path SOURCES = Path.of("src/test/java/dev/secupass/core/independent");

  @Test
  @DisplayName("No source of the independent reader imports anything of the SDK")
  void sources_importNothingOfTheSdk() throws IOException {
    List<Path> sources;
    try (Stream<Path> files = Files.list(SOURCES)) {
      sources = files.filter(p -> p.toString().endsWith(".java")).toList();
    }
    assertThat(sources).hasSizeGreaterThanOrEqualTo(6);
    for (Path source : sources) {
      for (String line : Files.readAllLines(source)) {
        if (line.startsWith("import ")) {
          assertThat(line).as(source.getFileName().toString())
              .matches("import (static )?(java\\.|javax\\.|org\\.bouncycastle\\.(crypto|math)\\."
                  + "|com\\.google\\.gson\\.|org\\.junit\\.|org\\.assertj\\."
                  + "|dev\\.secupass\\.core\\.independent\\.).*");
        }
      }
    }
  }
}
