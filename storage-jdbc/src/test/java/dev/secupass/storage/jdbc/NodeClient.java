package dev.secupass.storage.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A client that holds its own keys: the browser client's shipped bundle (from the
 * secupass-browser-client jar) run by the machine's Node.js with {@code relay-client.mjs}, one
 * command per process. Inputs go as JSON, outputs come back as named base64 values.
 */
final class NodeClient {
  private static final String BUNDLE =
      "META-INF/resources/secupass-browser-client/secupass-browser-client.js";

  private final Path dir;
  private final String script;

  NodeClient(Path dir) {
    this(dir, "relay-client.mjs");
  }

  /** A client that runs {@code script}, a test resource of this package, instead. */
  NodeClient(Path dir, String script) {
    this.dir = dir;
    this.script = script;
    copy(BUNDLE, dir.resolve("secupass-browser-client.js"));
    copy("dev/secupass/storage/jdbc/relay-io.mjs", dir.resolve("relay-io.mjs"));
    copy("dev/secupass/storage/jdbc/" + script, dir.resolve(script));
  }

  /** The outputs of one run: each name with its values in order. */
  record Output(Map<String, List<byte[]>> values) {
    byte[] one(String name) {
      List<byte[]> all = all(name);
      if (all.size() != 1) {
        throw new IllegalStateException(name + " has " + all.size() + " values");
      }
      return all.get(0);
    }

    List<byte[]> all(String name) {
      return values.getOrDefault(name, List.of());
    }

    String text(String name) {
      return new String(one(name), StandardCharsets.UTF_8);
    }
  }

  Output run(String command, Map<String, ?> input) {
    try {
      Process process = new ProcessBuilder("node", script, command)
          .directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.PIPE).start();
      process.getOutputStream().write(json(input).getBytes(StandardCharsets.UTF_8));
      process.getOutputStream().close();
      byte[] stdout = process.getInputStream().readAllBytes();
      byte[] stderr = process.getErrorStream().readAllBytes();
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
        // The end of the output: a throw inside the minified bundle prints the whole line first.
        String error = new String(stderr, StandardCharsets.UTF_8);
        throw new IllegalStateException("node " + command + " failed: "
            + error.substring(Math.max(0, error.length() - 2000)));
      }
      Map<String, List<byte[]>> values = new LinkedHashMap<>();
      for (String line : new String(stdout, StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        int space = line.indexOf(' ');
        values.computeIfAbsent(line.substring(0, space), k -> new ArrayList<>())
            .add(Base64.getDecoder().decode(line.substring(space + 1)));
      }
      return new Output(values);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static void copy(String resource, Path to) {
    try (InputStream in = NodeClient.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the class path (build"
            + " browser-client first)");
      }
      Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** JSON of maps, lists, strings, numbers, booleans and nulls. */
  static String json(Object value) {
    StringBuilder out = new StringBuilder();
    write(out, value);
    return out.toString();
  }

  private static void write(StringBuilder out, Object value) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        write(out, e.getKey().toString());
        out.append(':');
        write(out, e.getValue());
      }
      out.append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(out, list.get(i));
      }
      out.append(']');
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else {
      out.append('"');
      for (char c : value.toString().toCharArray()) {
        if (c == '"' || c == '\\') {
          out.append('\\').append(c);
        } else if (c < 0x20) {
          out.append(String.format("\\u%04x", (int) c));
        } else {
          out.append(c);
        }
      }
      out.append('"');
    }
  }
}
