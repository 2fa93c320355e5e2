package dev.secupass.samples.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar README.md tells people to run, run as they would ({@code java -jar
 * target/secupass-web.jar}) in a process of its own: it prints the address to open, serves the
 * sign-in page and its script from the jar, keeps its data in the data folder, and stops cleanly.
 */
class ShadedJarIT {
  private static final Path JAR = Path.of("target/secupass-web.jar");
  private static final Pattern ADDRESS = Pattern.compile("open (http://localhost:\\d+/)");

  @TempDir Path temp;

  @Test
  void jar_printsTheAddress_andServesTheSample() throws Exception {
    Path data = temp.resolve("data");
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-jar", JAR.toString(), "--data", data.toString(), "--port", "0",
        "--kdf-profile", "test").redirectErrorStream(true).start();
    try {
      String address = address(process);
      HttpClient http = HttpClient.newHttpClient();
      for (String path : List.of("sign-in", "static/app.js")) {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(address + path))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).as(path).isEqualTo(200);
      }
      assertThat(Files.readString(data.resolve("users.tsv"))).contains("alice", "bob", "paul");
      assertThat(data.resolve("at-rest-key.json")).exists();
    } finally {
      process.destroy();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  /** Reads the output until the line with the address. */
  private static String address(Process process) throws Exception {
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    String line;
    while ((line = out.readLine()) != null) {
      seen.append(line).append('\n');
      Matcher m = ADDRESS.matcher(line);
      if (m.find()) {
        return m.group(1);
      }
    }
    throw new AssertionError("the jar ended without printing its address:\n" + seen);
  }
}
