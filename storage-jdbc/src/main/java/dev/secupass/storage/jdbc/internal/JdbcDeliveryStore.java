package dev.secupass.storage.jdbc.internal;

import dev.secupass.api.ConflictException;
import dev.secupass.api.DeliveryId;
import dev.secupass.api.DeliveryState;
import dev.secupass.api.FileId;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.NotFoundException;
import dev.secupass.api.Page;
import dev.secupass.api.PageRequest;
import dev.secupass.api.UserId;
import dev.secupass.spi.DeliveryEnvelope;
import dev.secupass.spi.DeliveryFile;
import dev.secupass.spi.DeliveryRecord;
import dev.secupass.spi.DeliveryStore;
import dev.secupass.spi.DownloadOutcome;
import dev.secupass.spi.Recipient;
import dev.secupass.storage.jdbc.Dialect;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jspecify.annotations.Nullable;

/**
 * {@link DeliveryStore} on the {@code delivery}, {@code delivery_file}, {@code
 * delivery_recipient} and {@code delivery_envelope} tables. The inbox is a keyset-paged range scan
 * of the index {@code (user_id, created_at DESC, delivery_id DESC)} on the recipients, which carry
 * their delivery's creation time for that purpose.
 */
public final class JdbcDeliveryStore implements DeliveryStore {
  /** The longest link-token hash stored (the column of MariaDB's unique index is this wide). */
  static final int MAX_HASH_BYTES = 512;

  private static final String SELECT = "SELECT " + DeliveryRows.COLUMNS + " FROM {p}delivery d";
  /** The deliveries with their files joined, one row per file. */
  private static final String SELECT_WITH_FILES = "SELECT " + DeliveryRows.COLUMNS + ", "
      + DeliveryRows.FILE_COLUMNS + " FROM {p}delivery d" + DeliveryRows.JOIN_FILES;
  // A page is keyset-selected in a subquery (sel: delivery_id, created_at), then joined to the
  // deliveries and their files in the same statement.
  private static final String INBOX = "SELECT r.delivery_id, r.created_at"
      + " FROM {p}delivery_recipient r WHERE r.user_id = :user";
  private static final String INBOX_AFTER =
      " AND r.created_at <= :at AND (r.created_at < :at OR r.delivery_id < :id)";
  private static final String INBOX_ORDER =
      " ORDER BY r.created_at DESC, r.delivery_id DESC LIMIT :limit";
  private static final String OUTBOX = "SELECT id AS delivery_id, created_at FROM {p}delivery"
      + " WHERE sender_id = :user";
  private static final String OUTBOX_AFTER =
      " AND created_at <= :at AND (created_at < :at OR id < :id)";
  private static final String OUTBOX_ORDER = " ORDER BY created_at DESC, id DESC LIMIT :limit";

  private final Session session;
  private final Schema schema;

  public JdbcDeliveryStore(Session session, Schema schema) {
    this.session = session;
    this.schema = schema;
  }

  @Override
  @SuppressWarnings("NullAway") // SQL work without a result returns null
  public void create(DeliveryRecord d) {
    byte[] linkTokenHash = d.linkTokenHash();
    if (linkTokenHash != null && linkTokenHash.length > MAX_HASH_BYTES) {
      throw new IllegalArgumentException(
          "link-token hash must be at most " + MAX_HASH_BYTES + " bytes");
    }
    session.write("create delivery " + d.id(), h -> {
      h.createUpdate(schema.sql("INSERT INTO {p}delivery (id, sender_id, security_level, state,"
              + " created_at, expires_at, download_limit, download_count, details, manifest,"
              + " link_token_hash, withdrawal) VALUES (:id, :sender, :level, :state, :created_at,"
              + " :expires_at, :download_limit, :download_count, :details, :manifest, :hash,"
              + " :withdrawal)"))
          .bind("id", d.id().value())
          .bind("sender", d.sender().value())
          .bind("level", d.level().number())
          .bind("state", d.state().name())
          .bind("created_at", d.createdAt())
          .bind("expires_at", d.expiresAt())
          .bind("download_limit", d.downloadLimit())
          .bind("download_count", d.downloadCount())
          .bind("details", d.details())
          .bind("manifest", d.manifest())
          .bind("hash", linkTokenHash)
          .bind("withdrawal", nullIfEmpty(d.withdrawal()))
          .execute();
      insertFiles(h, d.id(), d.files());
      insertRecipients(h, d.id(), d.createdAt(), d.recipients());
      return null;
    });
  }

  @Override
  public Optional<DeliveryRecord> find(DeliveryId id) {
    return session.read("find delivery " + id, h -> find(h, id));
  }

  @Override
  public Optional<DeliveryRecord> findByLinkTokenHash(byte[] tokenHash) {
    if (tokenHash.length > MAX_HASH_BYTES) {
      return Optional.empty();
    }
    return session.read("find a delivery by its link-token hash", h ->
        DeliveryRows.assemble(h, schema,
            h.createQuery(schema.sql(SELECT + " WHERE d.link_token_hash = :hash"))
                .bind("hash", tokenHash.clone())
                .map(DeliveryRows::head)
                .list())
            .stream().findFirst());
  }

  @Override
  public Page<DeliveryRecord> inbox(UserId recipient, PageRequest page) {
    return session.read("read the inbox of " + recipient,
        h -> page(h, INBOX, INBOX_AFTER, INBOX_ORDER, recipient, page));
  }

  @Override
  public Page<DeliveryRecord> outbox(UserId sender, PageRequest page) {
    return session.read("read the outbox of " + sender,
        h -> page(h, OUTBOX, OUTBOX_AFTER, OUTBOX_ORDER, sender, page));
  }

  @Override
  public List<DeliveryRecord> findExpired(Instant now, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be 1 or more, got " + limit);
    }
    return session.read("find expired deliveries", h -> DeliveryRows.assemble(h, schema,
        h.createQuery(schema.sql(SELECT + " WHERE d.state = 'ACTIVE' AND d.expires_at <= :now"
                + " ORDER BY d.expires_at, d.id LIMIT :limit"))
            .bind("now", Times.stored(now))
            .bind("limit", limit)
            .map(DeliveryRows::head)
            .list()));
  }

  @Override
  public List<DeliveryRecord> hostSealed(@Nullable DeliveryId after, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be 1 or more, got " + limit);
    }
    return session.read("list the host-sealed deliveries", h -> {
      Query query = h.createQuery(schema.sql(SELECT + " WHERE d.security_level <= 2"
          + (after == null ? "" : " AND d.id > :after") + " ORDER BY d.id LIMIT :limit"))
          .bind("limit", limit);
      if (after != null) {
        query.bind("after", after.value());
      }
      return DeliveryRows.assemble(h, schema, query.map(DeliveryRows::head).list());
    });
  }

  @Override
  public boolean replaceManifest(DeliveryId id, byte[] expected, byte[] replacement) {
    return session.write("replace the manifest of delivery " + id, h -> {
      // The row lock orders concurrent replacements; the comparison is made here, not in SQL,
      // since not every database compares large binary columns.
      byte[] stored = h.createQuery(schema.sql(
              "SELECT manifest FROM {p}delivery WHERE id = :id FOR UPDATE"))
          .bind("id", id.value())
          .mapTo(byte[].class)
          .findOne()
          .orElseThrow(() -> notFound(id));
      if (!java.util.Arrays.equals(stored, expected)) {
        return false;
      }
      h.createUpdate(schema.sql("UPDATE {p}delivery SET manifest = :manifest WHERE id = :id"))
          .bind("manifest", replacement)
          .bind("id", id.value())
          .execute();
      return true;
    });
  }

  @Override
  public DeliveryRecord updateState(DeliveryId id, DeliveryState expected, DeliveryState next) {
    return session.write("change the state of delivery " + id, h -> {
      int changed = h.createUpdate(schema.sql(
              "UPDATE {p}delivery SET state = :next WHERE id = :id AND state = :expected"))
          .bind("next", next.name())
          .bind("id", id.value())
          .bind("expected", expected.name())
          .execute();
      DeliveryRecord now = find(h, id).orElseThrow(() -> notFound(id));
      if (changed == 0) {
        throw new ConflictException(
            "delivery " + id + " is " + now.state() + ", not " + expected);
      }
      return now;
    });
  }

  @Override
  public DeliveryRecord withdraw(DeliveryId id, byte[] withdrawal) {
    if (withdrawal.length == 0) {
      throw new IllegalArgumentException("a withdrawal statement must not be empty");
    }
    return session.write("withdraw delivery " + id, h -> {
      int changed = h.createUpdate(schema.sql("UPDATE {p}delivery SET state = :next,"
              + " withdrawal = :withdrawal WHERE id = :id AND state = :expected"))
          .bind("next", DeliveryState.WITHDRAWN.name())
          .bind("withdrawal", withdrawal.clone())
          .bind("id", id.value())
          .bind("expected", DeliveryState.ACTIVE.name())
          .execute();
      if (changed == 1) {
        h.createUpdate(schema.sql("DELETE FROM {p}delivery_envelope WHERE delivery_id = :id"))
            .bind("id", id.value())
            .execute();
      }
      DeliveryRecord now = find(h, id).orElseThrow(() -> notFound(id));
      if (changed == 0) {
        throw new ConflictException(
            "delivery " + id + " is " + now.state() + ", not " + DeliveryState.ACTIVE);
      }
      return now;
    });
  }

  private static byte @Nullable [] nullIfEmpty(byte[] bytes) {
    return bytes.length == 0 ? null : bytes;
  }

  @Override
  public DownloadOutcome recordDownload(DeliveryId id, FileId file, String reader) {
    if (reader.isEmpty() || reader.length() > MAX_READER_LENGTH) {
      throw new IllegalArgumentException("a reader is named by 1-" + MAX_READER_LENGTH
          + " characters");
    }
    return session.write("record a download of delivery " + id, h -> {
      // The delivery's row lock orders every record of this delivery, across processes; the
      // locking reads below see what the transactions before committed.
      int[] counts = h.createQuery(schema.sql("SELECT download_limit, download_count"
              + " FROM {p}delivery WHERE id = :id FOR UPDATE"))
          .bind("id", id.value())
          .map((rs, ctx) -> new int[] {rs.getInt("download_limit"), rs.getInt("download_count")})
          .findOne()
          .orElseThrow(() -> notFound(id));
      boolean recorded = h.createQuery(schema.sql("SELECT reader FROM {p}delivery_download"
              + " WHERE delivery_id = :id AND file_id = :file AND reader = :reader FOR UPDATE"))
          .bind("id", id.value())
          .bind("file", file.value())
          .bind("reader", reader)
          .mapTo(String.class)
          .findOne()
          .isPresent();
      if (recorded) {
        return DownloadOutcome.ALREADY_COUNTED;
      }
      if (counts[0] > 0 && counts[1] >= counts[0]) {
        return DownloadOutcome.LIMIT_REACHED;
      }
      h.createUpdate(schema.sql("INSERT INTO {p}delivery_download (delivery_id, file_id,"
              + " reader, downloaded_at) VALUES (:id, :file, :reader, :at)"))
          .bind("id", id.value())
          .bind("file", file.value())
          .bind("reader", reader)
          .bind("at", Times.now(schema.clock()))
          .execute();
      h.createUpdate(schema.sql("UPDATE {p}delivery SET download_count = download_count + 1"
              + " WHERE id = :id"))
          .bind("id", id.value())
          .execute();
      return DownloadOutcome.COUNTED;
    });
  }

  @Override
  public void putEnvelope(DeliveryEnvelope e) {
    session.write("store an envelope of delivery " + e.delivery(), h -> {
      if (!exists(h, e.delivery())) {
        throw notFound(e.delivery());
      }
      return h.createUpdate(schema.upsert("delivery_envelope",
              List.of("delivery_id", "recipient_id", "key_version"),
              List.of("granter_id", "envelope", "created_at")))
          .bind("delivery_id", e.delivery().value())
          .bind("recipient_id", e.recipient().value())
          .bind("key_version", e.recipientKeyVersion().value())
          .bind("granter_id", e.granter().value())
          .bind("envelope", e.envelope())
          .bind("created_at", e.createdAt())
          .execute();
    });
  }

  /** Checks that the deliveries exist with one query, then upserts the envelopes in one batch. */
  @Override
  public void putEnvelopes(List<DeliveryEnvelope> envelopes) {
    if (envelopes.isEmpty()) {
      return;
    }
    session.write("store " + envelopes.size() + " envelopes", h -> {
      List<String> ids = envelopes.stream().map(e -> e.delivery().value()).distinct().toList();
      Set<String> found = new HashSet<>(h.createQuery(schema.sql(
              "SELECT id FROM {p}delivery WHERE id IN (<ids>)"))
          .bindList("ids", ids)
          .mapTo(String.class)
          .list());
      for (DeliveryEnvelope e : envelopes) {
        if (!found.contains(e.delivery().value())) {
          throw notFound(e.delivery());
        }
      }
      PreparedBatch batch = h.prepareBatch(schema.upsert("delivery_envelope",
          List.of("delivery_id", "recipient_id", "key_version"),
          List.of("granter_id", "envelope", "created_at")));
      for (DeliveryEnvelope e : envelopes) {
        batch.bind("delivery_id", e.delivery().value())
            .bind("recipient_id", e.recipient().value())
            .bind("key_version", e.recipientKeyVersion().value())
            .bind("granter_id", e.granter().value())
            .bind("envelope", e.envelope())
            .bind("created_at", e.createdAt())
            .add();
      }
      return batch.execute();
    });
  }

  @Override
  public Optional<DeliveryEnvelope> findEnvelope(
      DeliveryId delivery, UserId recipient, KeyVersion keyVersion) {
    return session.read("find an envelope of delivery " + delivery, h ->
        h.createQuery(schema.sql("SELECT " + DeliveryRows.ENVELOPE_COLUMNS
                + " FROM {p}delivery_envelope WHERE delivery_id = :delivery"
                + " AND recipient_id = :recipient AND key_version = :version"))
            .bind("delivery", delivery.value())
            .bind("recipient", recipient.value())
            .bind("version", keyVersion.value())
            .map(DeliveryRows::envelope)
            .findOne());
  }

  @Override
  public Map<DeliveryId, DeliveryRecord> findAll(Collection<DeliveryId> ids) {
    List<List<String>> lists = InLists.of(ids.stream().map(DeliveryId::value).toList());
    return session.read("find " + ids.size() + " deliveries", h -> {
      Map<DeliveryId, DeliveryRecord> found = new LinkedHashMap<>();
      for (List<String> list : lists) {
        List<DeliveryRecord> records = joinsFiles()
            ? DeliveryRows.assemble(h, schema, DeliveryRows.joined(h.createQuery(schema.sql(
                    SELECT_WITH_FILES + " WHERE d.id IN (<ids>) ORDER BY d.id, f.list_index"))
                .bindList("ids", list)))
            : DeliveryRows.assemble(h, schema,
                h.createQuery(schema.sql(SELECT + " WHERE d.id IN (<ids>)"))
                    .bindList("ids", list)
                    .map(DeliveryRows::head)
                    .list());
        records.forEach(record -> found.put(record.id(), record));
      }
      return found;
    });
  }

  @Override
  public Map<DeliveryId, DeliveryEnvelope> findEnvelopes(Collection<DeliveryId> deliveries,
      UserId recipient, KeyVersion keyVersion) {
    List<List<String>> lists = InLists.of(deliveries.stream().map(DeliveryId::value).toList());
    return session.read("find the envelopes of " + recipient + " in " + deliveries.size()
        + " deliveries", h -> {
          Map<DeliveryId, DeliveryEnvelope> found = new LinkedHashMap<>();
          for (List<String> list : lists) {
            h.createQuery(schema.sql("SELECT " + DeliveryRows.ENVELOPE_COLUMNS
                    + " FROM {p}delivery_envelope WHERE recipient_id = :recipient"
                    + " AND key_version = :version AND delivery_id IN (<ids>)"))
                .bind("recipient", recipient.value())
                .bind("version", keyVersion.value())
                .bindList("ids", list)
                .map(DeliveryRows::envelope)
                .forEach(e -> found.put(e.delivery(), e));
          }
          return found;
        });
  }

  @Override
  public List<DeliveryEnvelope> envelopes(DeliveryId delivery) {
    return session.read("read the envelopes of delivery " + delivery, h ->
        h.createQuery(schema.sql("SELECT " + DeliveryRows.ENVELOPE_COLUMNS
                + " FROM {p}delivery_envelope WHERE delivery_id = :delivery"))
            .bind("delivery", delivery.value())
            .map(DeliveryRows::envelope)
            .list());
  }

  private void insertFiles(Handle h, DeliveryId id, List<DeliveryFile> files) {
    if (files.isEmpty()) {
      return;
    }
    PreparedBatch batch = h.prepareBatch(schema.sql("INSERT INTO {p}delivery_file (delivery_id,"
        + " list_index, file_id, blob_id, plain_size, stored_size, digest, name) VALUES"
        + " (:delivery, :index, :file, :blob, :size, :stored_size, :digest, :name)"));
    for (int i = 0; i < files.size(); i++) {
      DeliveryFile f = files.get(i);
      batch.bind("delivery", id.value())
          .bind("index", i)
          .bind("file", f.id().value())
          .bind("blob", f.blob().value())
          .bind("size", f.size())
          .bind("stored_size", f.storedSize())
          .bind("digest", f.digest())
          .bind("name", f.name())
          .add();
    }
    batch.execute();
  }

  private void insertRecipients(
      Handle h, DeliveryId id, Instant createdAt, List<Recipient> recipients) {
    if (recipients.isEmpty()) {
      return;
    }
    PreparedBatch batch = h.prepareBatch(schema.sql("INSERT INTO {p}delivery_recipient"
        + " (delivery_id, user_id, list_index, kind, address, created_at) VALUES"
        + " (:delivery, :user, :index, :kind, :address, :created_at)"));
    for (int i = 0; i < recipients.size(); i++) {
      Recipient r = recipients.get(i);
      batch.bind("delivery", id.value())
          .bind("user", r.user().value())
          .bind("index", i)
          .bind("kind", r.kind().name())
          .bind("address", r.address())
          .bind("created_at", createdAt)
          .add();
    }
    batch.execute();
  }

  private Page<DeliveryRecord> page(Handle h, String select, String after, String order,
      UserId user, PageRequest page) {
    Cursors.TimeAndId cursor = page.after().map(Cursors::decodeTimeAndId).orElse(null);
    boolean joinFiles = joinsFiles();
    Query query = h.createQuery(schema.sql("SELECT " + DeliveryRows.COLUMNS
            + (joinFiles ? ", " + DeliveryRows.FILE_COLUMNS : "") + " FROM (" + select
            + (cursor == null ? "" : after) + order
            + ") sel JOIN {p}delivery d ON d.id = sel.delivery_id"
            + (joinFiles ? DeliveryRows.JOIN_FILES : "")
            + " ORDER BY sel.created_at DESC, sel.delivery_id DESC"
            + (joinFiles ? ", f.list_index" : "")))
        .bind("user", user.value())
        .bind("limit", page.limit() + 1);
    if (cursor != null) {
      query.bind("at", cursor.at()).bind("id", cursor.id());
    }
    if (!joinFiles) {
      Page<DeliveryRows.Head> rows = Pages.of(query.map(DeliveryRows::head).list(), page.limit(),
          head -> head, head -> Cursors.encode(head.createdAt(), head.id().value()));
      return new Page<>(DeliveryRows.assemble(h, schema, rows.items()), rows.nextCursor());
    }
    DeliveryRows.Joined joined = DeliveryRows.joined(query);
    Page<DeliveryRows.Head> rows = Pages.of(joined.heads(), page.limit(), head -> head,
        head -> Cursors.encode(head.createdAt(), head.id().value()));
    return new Page<>(DeliveryRows.assemble(h, schema,
        new DeliveryRows.Joined(rows.items(), joined.files())), rows.nextCursor());
  }

  private Optional<DeliveryRecord> find(Handle h, DeliveryId id) {
    if (!joinsFiles()) {
      return DeliveryRows.assemble(h, schema,
          h.createQuery(schema.sql(SELECT + " WHERE d.id = :id"))
              .bind("id", id.value())
              .map(DeliveryRows::head)
              .list())
          .stream().findFirst();
    }
    return DeliveryRows.assemble(h, schema, DeliveryRows.joined(
            h.createQuery(schema.sql(SELECT_WITH_FILES + " WHERE d.id = :id ORDER BY f.list_index"))
                .bind("id", id.value())))
        .stream().findFirst();
  }

  /**
   * Whether reads join a delivery's files to its row (PostgreSQL: one round trip fewer) or read
   * them in a query of their own (H2, embedded, has no round trips to save; MariaDB/MySQL keep the
   * separate query they were measured with).
   */
  private boolean joinsFiles() {
    return schema.dialect() == Dialect.POSTGRESQL;
  }

  private boolean exists(Handle h, DeliveryId id) {
    return h.createQuery(schema.sql("SELECT 1 FROM {p}delivery WHERE id = :id"))
        .bind("id", id.value())
        .mapTo(Integer.class)
        .findOne()
        .isPresent();
  }

  private static NotFoundException notFound(DeliveryId id) {
    return new NotFoundException("there is no delivery " + id);
  }
}
