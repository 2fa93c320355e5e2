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
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Test-only: searches everything the web sample's server received and stored for secrets: every
 * request it was sent ({@link RequestRecorder}: request line, headers and the body as the server
 * read it), every row of every table of the data folder's H2 database, and every file under the
 * data folder (blobs, the spool, H2's own files). Each is searched raw, inside every base64 run
 * (standard or URL-safe alphabet, at each of the four alignments: the relay routes' JSON carries
 * binary values that way) and inside every hex run; a needle is also looked for URL-encoded, as
 * forms send it. A test names its needles (SecuPasses, private keys, plaintext) and asserts where
 * they may and may not be found; reports name needles by label, never by their bytes.
 */
public final class SecretSearch {
  /** Where something was found. */
  public enum Place {
    /** A request the server was sent (its line, headers or body). */
    REQUEST,
    DATABASE_ROW,
    /** A file under the data folder. */
    DATA_FILE
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
      if (bytes.length < 8) {
        throw new IllegalArgumentException("too short to search for without false matches: "
            + label);
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
   * @param where which request, row and column, or file
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

    /** The labels found anywhere, in the order first found. */
    public Set<String> labels() {
      return all.stream().map(Finding::needle).collect(Collectors.toCollection(
          LinkedHashSet::new));
    }

    @Override
    public String toString() {
      return all.isEmpty() ? "nothing found" : all.stream().map(Finding::toString)
          .collect(Collectors.joining("\n"));
    }
  }

  private static final int CHUNK = 1 << 20;
  private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/_-]{16,}");
  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{16,}");

  private final RequestRecorder requests;
  private final String jdbcUrl;
  private final Path dataFolder;

  /**
   * @param requests the recorder installed in the server
   * @param dataFolder the sample's data folder (H2 in {@code db/}, the blob store in
   *     {@code blobs/}, the upload spool in {@code web-spool/})
   */
  public SecretSearch(RequestRecorder requests, Path dataFolder) {
    this.requests = requests;
    // The embedded default's database (storage-jdbc EmbeddedH2); in this JVM H2 shares the open
    // database with the sample's connection pool.
    this.jdbcUrl = "jdbc:h2:file:" + dataFolder.toAbsolutePath().normalize()
        .resolve("db").resolve("secupass");
    this.dataFolder = dataFolder;
  }

  /** How many bytes the recorded requests to paths starting with {@code prefix} hold in all. */
  public long recordedBytes(String method, String prefix) {
    long total = 0;
    for (RequestRecorder.Request request : requests.requests()) {
      if (request.method().equals(method) && request.path().startsWith(prefix)) {
        try {
          total += Files.size(request.file());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return total;
  }

  /** Searches the three places for every needle. */
  public Findings find(Needle... needles) {
    // A form's fields arrive URL-encoded: every place is searched for that form too.
    Needle[] forms = Arrays.stream(needles)
        .flatMap(n -> Stream.of(n, new Needle(n.label(), formEncoded(n.bytes))))
        .toArray(Needle[]::new);
    List<Finding> found = new ArrayList<>();
    for (RequestRecorder.Request request : requests.requests()) {
      searchFile(request.file(), forms, Place.REQUEST, request.method() + " " + request.path()
          + " (" + request.file().getFileName() + ")", found);
    }
    searchDatabase(forms, found);
    if (Files.isDirectory(dataFolder)) {
      try (Stream<Path> files = Files.walk(dataFolder)) {
        for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
          searchFile(file, forms, Place.DATA_FILE, dataFolder.relativize(file).toString(),
              found);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new Findings(found.stream().distinct().toList());
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

  /**
   * Streams a file through a window that overlaps by more than the longest needle in base64, so
   * a needle (or its encoding) across two windows is whole in one of them.
   */
  private static void searchFile(Path file, Needle[] needles, Place place, String where,
      List<Finding> found) {
    int longest = Arrays.stream(needles).mapToInt(n -> n.bytes.length).max().orElse(1);
    int overlap = 2 * longest + 8;
    Set<String> seen = new LinkedHashSet<>();
    byte[] window = new byte[overlap + CHUNK];
    int kept = 0;
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.readNBytes(window, kept, CHUNK)) > 0) {
        int length = kept + n;
        for (String label : labelsIn(Arrays.copyOf(window, length), needles)) {
          if (seen.add(label)) {
            found.add(new Finding(label, place, where));
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
    try (Connection db = DriverManager.getConnection(jdbcUrl + ";IFEXISTS=TRUE", "sa", "");
        Statement tables = db.createStatement();
        ResultSet names = tables.executeQuery("SELECT TABLE_SCHEMA, TABLE_NAME FROM"
            + " INFORMATION_SCHEMA.TABLES WHERE TABLE_TYPE = 'BASE TABLE'"
            + " AND TABLE_SCHEMA <> 'INFORMATION_SCHEMA' ORDER BY TABLE_NAME")) {
      List<String[]> all = new ArrayList<>();
      while (names.next()) {
        all.add(new String[] {names.getString(1), names.getString(2)});
      }
      if (all.size() < 5) {
        throw new IllegalStateException("the SDK's tables were not found");
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
          byte[] value = bytes(rows, c, columns.getColumnType(c));
          if (value != null) {
            for (String label : labelsIn(value, needles)) {
              found.add(new Finding(label, Place.DATABASE_ROW, table + "."
                  + columns.getColumnName(c) + ", row " + row));
            }
          }
        }
      }
    }
  }

  /** A column's value as bytes: binary as it is, anything else as its text in UTF-8. */
  private static byte @Nullable [] bytes(ResultSet rows, int column, int type) throws SQLException {
    if (type == Types.BINARY || type == Types.VARBINARY || type == Types.LONGVARBINARY
        || type == Types.BLOB) {
      return rows.getBytes(column);
    }
    String text = rows.getString(column);
    return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
  }

  /** The labels of the needles {@code haystack} holds raw, or inside a base64 or hex run. */
  static List<String> labelsIn(byte[] haystack, Needle... needles) {
    List<byte[]> decoded = decodedRuns(haystack);
    List<String> labels = new ArrayList<>();
    for (Needle needle : needles) {
      if (!labels.contains(needle.label()) && (indexOf(haystack, needle.bytes) >= 0
          || decoded.stream().anyMatch(d -> indexOf(d, needle.bytes) >= 0))) {
        labels.add(needle.label());
      }
    }
    return labels;
  }

  private static List<byte[]> decodedRuns(byte[] haystack) {
    String text = new String(haystack, StandardCharsets.ISO_8859_1);
    List<byte[]> decoded = new ArrayList<>();
    Matcher base64 = BASE64.matcher(text);
    while (base64.find()) {
      String run = base64.group().replace('-', '+').replace('_', '/');
      // Each of the four places a value's encoding can start at inside a run.
      for (int skip = 0; skip < 4; skip++) {
        String aligned = run.substring(skip);
        aligned = aligned.substring(0, aligned.length() - aligned.length() % 4);
        decoded.add(Base64.getDecoder().decode(aligned));
      }
    }
    Matcher hex = HEX.matcher(text);
    while (hex.find()) {
      for (int skip = 0; skip < 2; skip++) {
        String aligned = hex.group().substring(skip);
        decoded.add(HexFormat.of().parseHex(aligned.substring(0, aligned.length() & ~1)));
      }
    }
    return decoded;
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
