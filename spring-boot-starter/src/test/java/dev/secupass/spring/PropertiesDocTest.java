package dev.secupass.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/spring-boot.md's property table against the metadata Spring Boot's configuration processor
 * wrote from {@code SecuPassProperties} (what IDEs complete): every property is a row, and every
 * {@code secupass.*} row is a property. A row may name siblings in short ({@code
 * `secupass.a.b`, `.c`} is {@code secupass.a.b} and {@code secupass.a.c}).
 */
class PropertiesDocTest {
  private static final Path DOC = Path.of("..", "docs", "spring-boot.md");

  @Test
  void thePropertyTable_listsExactlyTheBoundProperties() throws IOException {
    Set<String> metadata = new TreeSet<>();
    try (InputStream in = getClass().getResourceAsStream(
        "/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("the configuration processor's metadata").isNotNull();
      String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      String properties = json.substring(json.indexOf("\"properties\""), json.indexOf("\"hints\""));
      Matcher name = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"").matcher(properties);
      while (name.find()) {
        metadata.add(name.group(1));
      }
    }
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    String table = doc.substring(doc.indexOf("## Properties"), doc.indexOf("## Observations"));
    Set<String> documented = new TreeSet<>();
    for (String line : table.split("\n")) {
      if (!line.startsWith("| `")) {
        continue;
      }
      Matcher token = Pattern.compile("`([^`]+)`").matcher(line.split("\\|")[1]);
      String first = null;
      while (token.find()) {
        if (first == null) {
          first = token.group(1);
          documented.add(first);
        } else if (token.group(1).startsWith(".")) {
          documented.add(first.substring(0, first.lastIndexOf('.')) + token.group(1));
        }
      }
    }

    assertThat(metadata).as("bound properties").hasSizeGreaterThan(40);
    assertThat(documented).as("documented in %s", DOC).containsAll(metadata);
    assertThat(documented.stream().filter(p -> p.startsWith("secupass.")).toList())
        .as("documented properties that are not bound").allMatch(metadata::contains);
  }
}
