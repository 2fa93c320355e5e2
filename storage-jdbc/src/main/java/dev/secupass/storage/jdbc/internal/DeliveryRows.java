package dev.secupass.storage.jdbc.internal;

import dev.secupass.api.BlobId;
import dev.secupass.api.DeliveryId;
import dev.secupass.api.DeliveryState;
import dev.secupass.api.FileId;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.PrincipalKind;
import dev.secupass.api.SecurityLevel;
import dev.secupass.api.UserId;
import dev.secupass.spi.DeliveryEnvelope;
import dev.secupass.spi.DeliveryFile;
import dev.secupass.spi.DeliveryRecord;
import dev.secupass.spi.Recipient;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;
import org.jspecify.annotations.Nullable;

/**
 * Reads deliveries: the {@code delivery} rows, then the files and recipients of a whole page of
 * deliveries in one query each; or, where the query joins the files onto the delivery rows
 * ({@link #JOIN_FILES}), the recipients alone in a second query.
 */
final class DeliveryRows {
  /** The {@code delivery} columns, qualified with the alias {@code d}. */
  static final String COLUMNS = "d.id, d.sender_id, d.security_level, d.state, d.created_at,"
      + " d.expires_at, d.download_limit, d.download_count, d.details, d.manifest,"
      + " d.link_token_hash, d.withdrawal";
  /** The {@code delivery_file} columns of {@link #JOIN_FILES}, alias {@code f}. */
  static final String FILE_COLUMNS = "f.file_id, f.blob_id, f.plain_size, f.stored_size,"
      + " f.digest, f.name";
  /** Joins a delivery's files (none: one row of NULLs) onto the delivery rows {@code d}. */
  static final String JOIN_FILES = " LEFT JOIN {p}delivery_file f ON f.delivery_id = d.id";
  static final String ENVELOPE_COLUMNS =
      "delivery_id, recipient_id, key_version, granter_id, envelope, created_at";

  private DeliveryRows() {}

  /** A {@code delivery} row, before its files and recipients are attached. */
  record Head(DeliveryId id, UserId sender, SecurityLevel level, DeliveryState state,
      Instant createdAt, Instant expiresAt, int downloadLimit, int downloadCount, byte[] details,
      byte[] manifest, byte @Nullable [] linkTokenHash, byte[] withdrawal) {

    // javac 17 writes the type annotation of the record component linkTokenHash onto the compact
    // constructor with a FIELD target, so NullAway, reading sdk-api's class file, misses it there.
    @SuppressWarnings("NullAway")
    DeliveryRecord with(List<DeliveryFile> files, List<Recipient> recipients) {
      return new DeliveryRecord(id, sender, level, state, createdAt, expiresAt, downloadLimit,
          downloadCount, details, manifest, linkTokenHash, files, recipients, withdrawal);
    }
  }

  static Head head(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Head(
        DeliveryId.of(rs.getString("id")),
        UserId.of(rs.getString("sender_id")),
        SecurityLevel.of(rs.getInt("security_level")),
        DeliveryState.valueOf(rs.getString("state")),
        Times.read(rs, "created_at"),
        Times.read(rs, "expires_at"),
        rs.getInt("download_limit"),
        rs.getInt("download_count"),
        rs.getBytes("details"),
        rs.getBytes("manifest"),
        rs.getBytes("link_token_hash"),
        orEmpty(rs.getBytes("withdrawal")));
  }

  private static byte[] orEmpty(byte @Nullable [] bytes) {
    return bytes == null ? new byte[0] : bytes;
  }

  static DeliveryEnvelope envelope(ResultSet rs, StatementContext ctx) throws SQLException {
    return new DeliveryEnvelope(
        DeliveryId.of(rs.getString("delivery_id")),
        UserId.of(rs.getString("recipient_id")),
        KeyVersion.of(rs.getInt("key_version")),
        UserId.of(rs.getString("granter_id")),
        rs.getBytes("envelope"),
        Times.read(rs, "created_at"));
  }

  /** The deliveries of {@code heads}, in the same order, with their files and recipients. */
  static List<DeliveryRecord> assemble(Handle h, Schema schema, List<Head> heads) {
    if (heads.isEmpty()) {
      return List.of();
    }
    List<String> ids = heads.stream().map(head -> head.id().value()).toList();
    Map<String, List<DeliveryFile>> files = new LinkedHashMap<>();
    h.createQuery(schema.sql("SELECT delivery_id, file_id, blob_id, plain_size, stored_size,"
            + " digest, name FROM {p}delivery_file WHERE delivery_id IN (<ids>)"
            + " ORDER BY delivery_id, list_index"))
        .bindList("ids", ids)
        .map((rs, ctx) -> Map.entry(rs.getString("delivery_id"), file(rs)))
        .forEach(e -> files.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    return withRecipients(h, schema, heads, files);
  }

  /** Delivery rows with their files joined ({@link #JOIN_FILES}), in the query's order. */
  record Joined(List<Head> heads, Map<String, List<DeliveryFile>> files) {}

  /**
   * Reads the rows of a query that selects {@link #COLUMNS} and {@link #FILE_COLUMNS} with {@link
   * #JOIN_FILES}, ordered by delivery and then by the file's place in the list.
   */
  static Joined joined(Query query) {
    Map<String, Head> heads = new LinkedHashMap<>();
    Map<String, List<DeliveryFile>> files = new LinkedHashMap<>();
    query.map((rs, ctx) -> {
      String id = rs.getString("id");
      // A delivery with n files comes in n rows; its own columns are read from the first.
      return new JoinedRow(id, heads.containsKey(id) ? null : head(rs, ctx),
          rs.getString("file_id") == null ? null : file(rs));
    }).forEach(row -> {
      Head head = row.head();
      if (head != null) {
        heads.putIfAbsent(row.id(), head);
      }
      DeliveryFile file = row.file();
      if (file != null) {
        files.computeIfAbsent(row.id(), k -> new ArrayList<>()).add(file);
      }
    });
    return new Joined(List.copyOf(heads.values()), files);
  }

  private record JoinedRow(String id, @Nullable Head head, @Nullable DeliveryFile file) {}

  /** The deliveries of {@code joined}, in the same order, with their recipients read. */
  static List<DeliveryRecord> assemble(Handle h, Schema schema, Joined joined) {
    return joined.heads().isEmpty() ? List.of()
        : withRecipients(h, schema, joined.heads(), joined.files());
  }

  private static DeliveryFile file(ResultSet rs) throws SQLException {
    return new DeliveryFile(
        FileId.of(rs.getString("file_id")),
        BlobId.of(rs.getString("blob_id")),
        rs.getLong("plain_size"),
        rs.getLong("stored_size"),
        rs.getBytes("digest"),
        rs.getBytes("name"));
  }

  private static List<DeliveryRecord> withRecipients(Handle h, Schema schema, List<Head> heads,
      Map<String, List<DeliveryFile>> files) {
    List<String> ids = heads.stream().map(head -> head.id().value()).toList();
    Map<String, List<Recipient>> recipients = new LinkedHashMap<>();
    h.createQuery(schema.sql("SELECT delivery_id, user_id, kind, address"
            + " FROM {p}delivery_recipient WHERE delivery_id IN (<ids>)"
            + " ORDER BY delivery_id, list_index"))
        .bindList("ids", ids)
        .map((rs, ctx) -> Map.entry(rs.getString("delivery_id"), new Recipient(
            UserId.of(rs.getString("user_id")),
            PrincipalKind.valueOf(rs.getString("kind")),
            rs.getString("address"))))
        .forEach(e ->
            recipients.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    return heads.stream()
        .map(head -> head.with(files.getOrDefault(head.id().value(), List.of()),
            recipients.getOrDefault(head.id().value(), List.of())))
        .toList();
  }
}
