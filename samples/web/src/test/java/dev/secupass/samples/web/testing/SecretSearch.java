package dev.secupass.samples.web.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Test-only: searches everything the web sample's server received and stored for secrets: every
 * request body it read ({@link RequestRecorder}), every row of every table of the data folder's
 * H2 database (each column as bytes, and text columns also decoded from Base64 or hex where they
 * look like it), and every file of the data folder's blob store. A test names its needles (the
 * SecuPasses, passwords, plaintext) and asserts where they may and may not be found.
 */
public final class SecretSearch {
  /** Where something was found. */
  public enum Place {
    REQUEST_BODY,
    DATABASE_ROW,
    BLOB_FILE
  }

  /**
   * What to look for, under a label the report uses (so a report never prints a secret).
   *
   * @param label how reports name it
   * @param bytes the bytes searched for
   */
  public record Needle(String label, byte[] bytes) {
    public Needle {
      Objects.requireNonNull(label, "label");
      if (bytes.length == 0) {
        throw new IllegalArgumentException("an empty needle is found everywhere");
      }
      bytes = bytes.clone();
    }

    /** A text, searched for as UTF-8. */
    public static Needle text(String label, String text) {
      return new Needle(label, text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    @Override
    public String toString() {
      return label;
    }
  }

  /**
   * A needle found.
   *
   * @param needle its label
   * @param place where
   * @param where which body, row and column, or file
   */
  public record Finding(String needle, Place place, String where) {
    @Override
    public String toString() {
      return needle + " in " + place + ": " + where;
    }
  }

  /** What a search found, with the questions tests ask of it. */
  public record Findings(List<Finding> all) {
    public Findings {
      all = List.copyOf(all);
    }

    /** The places the needle labelled {@code label} was found in. */
    public Set<Place> places(String label) {
      Set<Place> places = EnumSet.noneOf(Place.class);
      all.stream().filter(f -> f.needle().equals(label)).forEach(f -> places.add(f.place()));
      return places;
    }

    /** The findings of the needle labelled {@code label}. */
    public List<Finding> of(String label) {
      return all.stream().filter(f -> f.needle().equals(label)).toList();
    }

    @Override
    public String toString() {
      return all.isEmpty() ? "nothing found" : all.stream().map(Finding::toString)
          .collect(Collectors.joining("\n"));
    }
  }

  private static final int CHUNK = 1 << 20;

  private final RequestRecorder requests;
  private final String jdbcUrl;
  private final Path blobs;

  /**
   * @param requests the recorder installed in the server
   * @param dataFolder the sample's data folder (H2 in {@code db/}, the blob store in
   *     {@code blobs/})
   */
  public SecretSearch(RequestRecorder requests, Path dataFolder) {
    this.requests = requests;
    // The embedded default's database (storage-jdbc EmbeddedH2); in this JVM H2 shares the open
    // database with the sample's connection pool.
    this.jdbcUrl = "jdbc:h2:file:" + dataFolder.toAbsolutePath().normalize()
        .resolve("db").resolve("secupass");
    this.blobs = dataFolder.resolve("blobs");
  }

  /** Searches the three places for every needle. */
  public Findings find(Needle... needles) {
    List<Finding> found = new ArrayList<>();
    // A form's fields arrive URL-encoded: a request body is searched for that form too.
    Needle[] inBodies = Arrays.stream(needles)
        .flatMap(n -> Stream.of(n, new Needle(n.label(), formEncoded(n.bytes))))
        .toArray(Needle[]::new);
    for (RequestRecorder.Body body : requests.bodies()) {
      searchFile(body.file(), inBodies, Place.REQUEST_BODY, body.method() + " " + body.path()
          + " (" + body.file().getFileName() + ")", found);
    }
    searchDatabase(needles, found);
    if (Files.isDirectory(blobs)) {
      try (Stream<Path> files = Files.walk(blobs)) {
        for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
          searchFile(file, needles, Place.BLOB_FILE, blobs.relativize(file).toString(), found);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new Findings(found);
  }

  /**
   * The bytes as a browser puts them into an {@code application/x-www-form-urlencoded} body:
   * letters, digits and {@code *-._} as they are, a space as {@code +}, every other byte as
   * {@code %XX}.
   */
  private static byte[] formEncoded(byte[] bytes) {
    StringBuilder encoded = new StringBuilder();
    for (byte b : bytes) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "*-._".indexOf(c) >= 0) {
        encoded.append(c);
      } else if (c == ' ') {
        encoded.append('+');
      } else {
        encoded.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
      }
    }
    return encoded.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** Streams a file through a window that overlaps by the longest needle less one byte. */
  private static void searchFile(Path file, Needle[] needles, Place place, String where,
      List<Finding> found) {
    int overlap = Arrays.stream(needles).mapToInt(n -> n.bytes.length).max().orElse(1) - 1;
    Set<String> seen = new HashSet<>();
    byte[] window = new byte[overlap + CHUNK];
    int kept = 0;
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.readNBytes(window, kept, CHUNK)) > 0) {
        int length = kept + n;
        for (Needle needle : needles) {
          if (!seen.contains(needle.label()) && indexOf(window, length, needle.bytes) >= 0) {
            seen.add(needle.label());
            found.add(new Finding(needle.label(), place, where));
          }
        }
        kept = Math.min(overlap, length);
        System.arraycopy(window, length - kept, window, 0, kept);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void searchDatabase(Needle[] needles, List<Finding> found) {
    try (Connection db = DriverManager.getConnection(jdbcUrl, "sa", "");
        Statement tables = db.createStatement();
        ResultSet names = tables.executeQuery("SELECT TABLE_SCHEMA, TABLE_NAME FROM"
            + " INFORMATION_SCHEMA.TABLES WHERE TABLE_TYPE = 'BASE TABLE'"
            + " AND TABLE_SCHEMA <> 'INFORMATION_SCHEMA' ORDER BY TABLE_NAME")) {
      List<String[]> all = new ArrayList<>();
      while (names.next()) {
        all.add(new String[] {names.getString(1), names.getString(2)});
      }
      for (String[] table : all) {
        searchTable(db, table[0], table[1], needles, found);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("searching the H2 database failed", e);
    }
  }

  private static void searchTable(Connection db, String schema, String table, Needle[] needles,
      List<Finding> found) throws SQLException {
    try (Statement select = db.createStatement();
        ResultSet rows = select.executeQuery("SELECT * FROM \"" + schema + "\".\"" + table
            + "\"")) {
      ResultSetMetaData columns = rows.getMetaData();
      int row = 0;
      while (rows.next()) {
        row++;
        for (int c = 1; c <= columns.getColumnCount(); c++) {
          for (byte[] value : forms(rows, c, columns.getColumnType(c))) {
            for (Needle needle : needles) {
              if (indexOf(value, value.length, needle.bytes) >= 0) {
                found.add(new Finding(needle.label(), Place.DATABASE_ROW, table + "."
                    + columns.getColumnName(c) + ", row " + row));
              }
            }
          }
        }
      }
    }
  }

  /** A column's value as bytes: binary as it is; text as UTF-8, and decoded if it looks encoded. */
  private static List<byte[]> forms(ResultSet rows, int column, int type) throws SQLException {
    if (type == Types.BINARY || type == Types.VARBINARY || type == Types.LONGVARBINARY
        || type == Types.BLOB) {
      byte[] bytes = rows.getBytes(column);
      return bytes == null ? List.of() : List.of(bytes);
    }
    String text = rows.getString(column);
    if (text == null) {
      return List.of();
    }
    List<byte[]> forms = new ArrayList<>(List.of(text.getBytes(StandardCharsets.UTF_8)));
    if (text.length() >= 16 && text.matches("[0-9a-fA-F]+") && text.length() % 2 == 0) {
      forms.add(HexFormat.of().parseHex(text));
    }
    if (text.length() >= 16 && text.matches("[A-Za-z0-9+/_-]+={0,2}")) {
      try {
        forms.add(text.contains("-") || text.contains("_")
            ? Base64.getUrlDecoder().decode(text) : Base64.getDecoder().decode(text));
      } catch (IllegalArgumentException notBase64) {
        // Only looked like it.
      }
    }
    return forms;
  }

  private static int indexOf(byte[] haystack, int length, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= length; i++) {
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
