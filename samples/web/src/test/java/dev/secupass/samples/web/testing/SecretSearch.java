package dev.secupass.samples.web.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Searches bytes for secrets: raw, and inside every base64 run (the relay routes' JSON carries
 * binary values in base64, so a secret sent there would not appear raw). {@link #storedRows} and
 * {@link #files} collect what the server stored: every value of every table of the sample's H2
 * database, and every file under the data folder.
 */
public final class SecretSearch {
  private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]{16,}={0,2}");
  private final Map<String, byte[]> secrets = new LinkedHashMap<>();

  /** Adds a secret under a label that names it without showing it. */
  public SecretSearch secret(String label, byte[] value) {
    if (value.length < 8) {
      throw new IllegalArgumentException("too short to search for without false matches: " + label);
    }
    secrets.put(label, value.clone());
    return this;
  }

  public SecretSearch secret(String label, String value) {
    return secret(label, value.getBytes(StandardCharsets.UTF_8));
  }

  /** The labels of the secrets {@code haystack} holds, raw or base64-encoded. */
  public List<String> findIn(byte[] haystack) {
    List<String> found = new ArrayList<>();
    List<byte[]> decoded = new ArrayList<>();
    Matcher m = BASE64.matcher(new String(haystack, StandardCharsets.ISO_8859_1));
    while (m.find()) {
      String run = m.group();
      // Each of the three alignments a secret can start at inside a base64 run.
      for (int skip = 0; skip < 4 && skip < run.length(); skip++) {
        String aligned = run.substring(skip).replace("=", "");
        aligned = aligned.substring(0, aligned.length() - aligned.length() % 4);
        try {
          decoded.add(Base64.getDecoder().decode(aligned));
        } catch (IllegalArgumentException notBase64) {
          // not a base64 value
        }
      }
    }
    for (Map.Entry<String, byte[]> secret : secrets.entrySet()) {
      boolean in = indexOf(haystack, secret.getValue()) >= 0
          || decoded.stream().anyMatch(d -> indexOf(d, secret.getValue()) >= 0);
      if (in) {
        found.add(secret.getKey());
      }
    }
    return found;
  }

  /** The labels found in any of {@code haystacks}. */
  public List<String> findInAny(List<byte[]> haystacks) {
    List<String> found = new ArrayList<>();
    for (byte[] haystack : haystacks) {
      findIn(haystack).stream().filter(l -> !found.contains(l)).forEach(found::add);
    }
    return found;
  }

  /** Every value of every table of the H2 database in {@code dataFolder} (opened when closed). */
  public static List<byte[]> storedRows(Path dataFolder) {
    List<byte[]> values = new ArrayList<>();
    String url = "jdbc:h2:file:" + dataFolder.resolve("db").resolve("secupass");
    try (Connection c = DriverManager.getConnection(url + ";IFEXISTS=TRUE", "sa", "")) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getTables(null, "PUBLIC", "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_NAME"));
        }
      }
      for (String table : tables) {
        try (Statement st = c.createStatement();
            ResultSet rs = st.executeQuery("SELECT * FROM \"" + table + "\"")) {
          int columns = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            for (int i = 1; i <= columns; i++) {
              byte[] raw;
              try {
                raw = rs.getBytes(i);
              } catch (SQLException notBinary) {
                String text = rs.getString(i);
                raw = text == null ? null : text.getBytes(StandardCharsets.UTF_8);
              }
              if (raw != null) {
                values.add(raw);
              }
            }
          }
        }
      }
      if (tables.size() < 5) {
        throw new IllegalStateException("the SDK's tables were not found: " + tables);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return values;
  }

  /** The bytes of every file under {@code folder} (blobs, the database files, the spool). */
  public static List<byte[]> files(Path folder) {
    try (Stream<Path> all = Files.walk(folder)) {
      List<byte[]> out = new ArrayList<>();
      for (Path file : all.filter(Files::isRegularFile).toList()) {
        out.add(Files.readAllBytes(file));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Where {@code needle} first starts in {@code haystack}, or -1. */
  public static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
