package dev.secupass.storage.jdbc.internal;

import dev.secupass.api.ConflictException;
import dev.secupass.api.Fingerprint;
import dev.secupass.api.KeyVersion;
import dev.secupass.api.NotFoundException;
import dev.secupass.api.UserId;
import dev.secupass.spi.KdfParameters;
import dev.secupass.spi.KeyPin;
import dev.secupass.spi.KeyRecord;
import dev.secupass.spi.KeyState;
import dev.secupass.spi.KeyStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;
import org.jspecify.annotations.Nullable;

/**
 * {@link KeyStore} on the {@code key_record} and {@code key_pin} tables. Compare-and-set updates
 * are {@code UPDATE ... WHERE revision = ?}; "one active record per user" is a unique index on
 * {@code (user_id, active_marker)}, where the marker is NULL for retired records.
 */
public final class JdbcKeyStore implements KeyStore {
  private static final String COLUMNS = "user_id, key_version, state, public_keys,"
      + " encrypted_private_keys, kdf_algorithm, kdf_memory_kib, kdf_iterations, kdf_parallelism,"
      + " revision, created_at";
  private static final String INSERT = "INSERT INTO {p}key_record (" + COLUMNS + ", active_marker)"
      + " VALUES (:user_id, :key_version, :state, :public_keys, :encrypted_private_keys,"
      + " :kdf_algorithm, :kdf_memory_kib, :kdf_iterations, :kdf_parallelism, :revision,"
      + " :created_at, 'Y')";
  private static final String SELECT = "SELECT " + COLUMNS + " FROM {p}key_record";
  private static final String UPDATE = "UPDATE {p}key_record SET public_keys = :public_keys,"
      + " encrypted_private_keys = :encrypted_private_keys, kdf_algorithm = :kdf_algorithm,"
      + " kdf_memory_kib = :kdf_memory_kib, kdf_iterations = :kdf_iterations,"
      + " kdf_parallelism = :kdf_parallelism, revision = revision + 1"
      + " WHERE user_id = :user_id AND key_version = :key_version AND revision = :revision"
      + " AND state = 'ACTIVE'";
  private static final String RETIRE = "UPDATE {p}key_record SET state = 'RETIRED',"
      + " active_marker = NULL, revision = revision + 1"
      + " WHERE user_id = :user_id AND key_version = :key_version AND revision = :revision"
      + " AND state = 'ACTIVE'";
  private static final String PIN_COLUMNS = "observer_id, subject_id, key_version, fingerprint,"
      + " pinned_at, seal";

  private final Session session;
  private final Schema schema;

  public JdbcKeyStore(Session session, Schema schema) {
    this.session = session;
    this.schema = schema;
  }

  @Override
  public KeyRecord create(KeyRecord record) {
    requireNew(record, "create");
    KeyRecord stored = stored(record, 1);
    return session.write("create the keys of " + record.user(), h -> {
      if (!select(h, " WHERE user_id = :user_id", record.user(), null).isEmpty()) {
        throw new ConflictException("user " + record.user() + " already has key records");
      }
      insert(h, stored);
      return stored;
    });
  }

  @Override
  public Optional<KeyRecord> findActive(UserId user) {
    return session.read("find the active keys of " + user, h ->
        select(h, " WHERE user_id = :user_id AND state = 'ACTIVE'", user, null).stream()
            .findFirst());
  }

  @Override
  public Optional<KeyRecord> find(UserId user, KeyVersion version) {
    return session.read("find keys " + version + " of " + user,
        h -> find(h, user, version));
  }

  @Override
  public List<KeyRecord> history(UserId user) {
    return session.read("read the key history of " + user,
        h -> select(h, " WHERE user_id = :user_id ORDER BY key_version", user, null));
  }

  @Override
  public KeyRecord update(KeyRecord record) {
    return session.write("update keys " + record.version() + " of " + record.user(), h -> {
      int changed = h.createUpdate(schema.sql(UPDATE))
          .bind("public_keys", record.publicKeys())
          .bind("encrypted_private_keys", record.encryptedPrivateKeys())
          .bind("kdf_algorithm", record.kdf().algorithm())
          .bind("kdf_memory_kib", record.kdf().memoryKiB())
          .bind("kdf_iterations", record.kdf().iterations())
          .bind("kdf_parallelism", record.kdf().parallelism())
          .bind("user_id", record.user().value())
          .bind("key_version", record.version().value())
          .bind("revision", record.revision())
          .execute();
      KeyRecord now = find(h, record.user(), record.version()).orElseThrow(() ->
          new NotFoundException("user " + record.user() + " has no keys " + record.version()));
      if (changed == 0) {
        throw new ConflictException("keys " + record.version() + " of " + record.user()
            + " are retired or were changed since revision " + record.revision());
      }
      return now;
    });
  }

  @Override
  public KeyRecord rotate(KeyRecord current, KeyRecord next) {
    requireNew(next, "rotate to");
    if (!next.user().equals(current.user()) || next.version().compareTo(current.version()) <= 0) {
      throw new IllegalArgumentException(
          "the next keys must belong to the same user and have a higher version");
    }
    KeyRecord stored = stored(next, 1);
    return session.write("rotate the keys of " + current.user(), h -> {
      int retired = h.createUpdate(schema.sql(RETIRE))
          .bind("user_id", current.user().value())
          .bind("key_version", current.version().value())
          .bind("revision", current.revision())
          .execute();
      if (retired == 0) {
        if (find(h, current.user(), current.version()).isEmpty()) {
          throw new NotFoundException(
              "user " + current.user() + " has no keys " + current.version());
        }
        throw new ConflictException("keys " + current.version() + " of " + current.user()
            + " are no longer active at revision " + current.revision());
      }
      insert(h, stored);
      return stored;
    });
  }

  @Override
  public Map<UserId, KeyRecord> findActiveAll(Collection<UserId> users) {
    List<List<String>> lists = InLists.of(users.stream().map(UserId::value).toList());
    return session.read("find the active keys of " + users.size() + " users", h -> {
      Map<UserId, KeyRecord> found = new LinkedHashMap<>();
      for (List<String> list : lists) {
        h.createQuery(schema.sql(SELECT + " WHERE state = 'ACTIVE' AND user_id IN (<users>)"))
            .bindList("users", list)
            .map(JdbcKeyStore::record)
            .forEach(record -> found.put(record.user(), record));
      }
      return found;
    });
  }

  @Override
  public Map<UserId, KeyPin> findPins(UserId observer, Collection<UserId> subjects) {
    List<List<String>> lists = InLists.of(subjects.stream().map(UserId::value).toList());
    return session.read("find the pins of " + observer + " on " + subjects.size() + " users",
        h -> {
          Map<UserId, KeyPin> found = new LinkedHashMap<>();
          for (List<String> list : lists) {
            h.createQuery(schema.sql("SELECT " + PIN_COLUMNS + " FROM {p}key_pin"
                    + " WHERE observer_id = :observer_id AND subject_id IN (<subjects>)"))
                .bind("observer_id", observer.value())
                .bindList("subjects", list)
                .map(JdbcKeyStore::pin)
                .forEach(pin -> found.put(pin.subject(), pin));
          }
          return found;
        });
  }

  @Override
  public Optional<KeyPin> findPin(UserId observer, UserId subject) {
    return session.read("find the pin of " + observer + " on " + subject, h ->
        h.createQuery(schema.sql("SELECT " + PIN_COLUMNS + " FROM {p}key_pin"
                + " WHERE observer_id = :observer_id AND subject_id = :subject_id"))
            .bind("observer_id", observer.value())
            .bind("subject_id", subject.value())
            .map(JdbcKeyStore::pin)
            .findOne());
  }

  @Override
  public void savePin(KeyPin pin) {
    session.write("save the pin of " + pin.observer() + " on " + pin.subject(), h ->
        bindPin(h.createUpdate(pinUpsert()), pin).execute());
  }

  /** One JDBC batch; a pin repeated in it is stored once, as the last one says. */
  @Override
  public void savePins(List<KeyPin> pins) {
    Map<List<UserId>, KeyPin> last = new LinkedHashMap<>();
    pins.forEach(pin -> last.put(List.of(pin.observer(), pin.subject()), pin));
    if (last.isEmpty()) {
      return;
    }
    session.write("save " + last.size() + " pins", h -> {
      PreparedBatch batch = h.prepareBatch(pinUpsert());
      last.values().forEach(pin -> bindPin(batch, pin).add());
      return batch.execute();
    });
  }

  private String pinUpsert() {
    return schema.upsert("key_pin", List.of("observer_id", "subject_id"),
        List.of("key_version", "fingerprint", "pinned_at", "seal"));
  }

  private static <S extends SqlStatement<S>> S bindPin(S statement, KeyPin pin) {
    return statement
        .bind("observer_id", pin.observer().value())
        .bind("subject_id", pin.subject().value())
        .bind("key_version", pin.version().value())
        .bind("fingerprint", pin.fingerprint().digits())
        .bind("pinned_at", pin.pinnedAt())
        .bind("seal", pin.seal());
  }

  private static void requireNew(KeyRecord record, String operation) {
    if (record.revision() != 0 || record.state() != KeyState.ACTIVE) {
      throw new IllegalArgumentException(
          "can only " + operation + " an ACTIVE key record with revision 0");
    }
  }

  /** The record as the database holds it after an insert at {@code revision}. */
  private static KeyRecord stored(KeyRecord r, long revision) {
    return new KeyRecord(r.user(), r.version(), r.state(), r.publicKeys(),
        r.encryptedPrivateKeys(), r.kdf(), revision, Times.stored(r.createdAt()));
  }

  private void insert(Handle h, KeyRecord r) {
    h.createUpdate(schema.sql(INSERT))
        .bind("user_id", r.user().value())
        .bind("key_version", r.version().value())
        .bind("state", r.state().name())
        .bind("public_keys", r.publicKeys())
        .bind("encrypted_private_keys", r.encryptedPrivateKeys())
        .bind("kdf_algorithm", r.kdf().algorithm())
        .bind("kdf_memory_kib", r.kdf().memoryKiB())
        .bind("kdf_iterations", r.kdf().iterations())
        .bind("kdf_parallelism", r.kdf().parallelism())
        .bind("revision", r.revision())
        .bind("created_at", r.createdAt())
        .execute();
  }

  private Optional<KeyRecord> find(Handle h, UserId user, KeyVersion version) {
    return select(h, " WHERE user_id = :user_id AND key_version = :key_version", user, version)
        .stream().findFirst();
  }

  private List<KeyRecord> select(
      Handle h, String where, UserId user, @Nullable KeyVersion version) {
    var query = h.createQuery(schema.sql(SELECT + where)).bind("user_id", user.value());
    if (version != null) {
      query.bind("key_version", version.value());
    }
    return query.map(JdbcKeyStore::record).list();
  }

  private static KeyRecord record(ResultSet rs, StatementContext ctx) throws SQLException {
    return new KeyRecord(
        UserId.of(rs.getString("user_id")),
        KeyVersion.of(rs.getInt("key_version")),
        KeyState.valueOf(rs.getString("state")),
        rs.getBytes("public_keys"),
        rs.getBytes("encrypted_private_keys"),
        new KdfParameters(rs.getString("kdf_algorithm"), rs.getInt("kdf_memory_kib"),
            rs.getInt("kdf_iterations"), rs.getInt("kdf_parallelism")),
        rs.getLong("revision"),
        Times.read(rs, "created_at"));
  }

  private static KeyPin pin(ResultSet rs, StatementContext ctx) throws SQLException {
    return new KeyPin(
        UserId.of(rs.getString("observer_id")),
        UserId.of(rs.getString("subject_id")),
        KeyVersion.of(rs.getInt("key_version")),
        Fingerprint.of(rs.getString("fingerprint")),
        Times.read(rs, "pinned_at"),
        rs.getBytes("seal"));
  }
}
