package dev.secupass.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The samples, the README and the docs are written as a host writes: they import {@code
 * dev.secupass.api} and {@code dev.secupass.core.*}, never the SDK's internals, and the storage SPI
 * only where they build a store (and then only the store interfaces). The one exception is a test
 * that plays an attacker (a co-recipient or the storage operator forging stored bytes), who uses
 * whatever an attacker would: those tests are listed by name.
 */
class HostImportsTest {
  private static final Path ROOT = Path.of("../..");
  private static final Pattern IMPORT =
      Pattern.compile("^\\s*import\\s+(?:static\\s+)?(dev\\.secupass\\.[\\w.]+);", Pattern.MULTILINE);
  /** What building a store needs from the SPI. */
  private static final Set<String> STORE_TYPES =
      Set.of("dev.secupass.spi.BlobStore", "dev.secupass.spi.Storage");
  /** Attack tests: they forge ciphertext with the SDK's format classes, as an attacker would. */
  private static final Set<String> ATTACKS = Set.of("SwappedBlobDownloadTest.java");

  @Test
  void samplesReadmeAndDocs_importNoInternalType_andTheSpiOnlyToBuildAStore() throws IOException {
    List<Path> sources = new ArrayList<>();
    try (Stream<Path> files = Files.walk(ROOT.resolve("samples"))) {
      files.filter(f -> f.toString().endsWith(".java") && !f.toString().contains("/target/"))
          .filter(f -> !ATTACKS.contains(f.getFileName().toString()))
          .forEach(sources::add);
    }
    sources.add(ROOT.resolve("README.md"));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(f -> f.toString().endsWith(".md")).forEach(sources::add);
    }

    List<String> wrong = new ArrayList<>();
    for (Path source : sources) {
      String text = read(source);
      Matcher imports = IMPORT.matcher(text);
      while (imports.find()) {
        String type = imports.group(1);
        boolean internal = type.contains(".internal.");
        boolean spi = type.startsWith("dev.secupass.spi.");
        if (internal || spi && !(STORE_TYPES.contains(type) && buildsAStore(text))) {
          wrong.add(ROOT.relativize(source) + ": " + type);
        }
      }
    }

    assertThat(sources).hasSizeGreaterThan(100);
    assertThat(wrong).isEmpty();
  }

  private static boolean buildsAStore(String text) {
    return text.contains("JdbcStorage") || text.contains("S3BlobStore")
        || text.contains("FileSystemBlobStore") || text.contains("MemoryStorage");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
