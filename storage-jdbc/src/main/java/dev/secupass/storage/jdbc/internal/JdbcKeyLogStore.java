package dev.secupass.storage.jdbc.internal;

import dev.secupass.api.ConflictException;
import dev.secupass.api.UserId;
import dev.secupass.spi.KeyLogCheckpoint;
import dev.secupass.spi.KeyLogLeaf;
import dev.secupass.spi.KeyLogNode;
import dev.secupass.spi.KeyLogStore;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@link KeyLogStore} on the {@code key_log_*} tables (migrations V6 and V9). An append checks the log's
 * size and inserts the leaf under its index, the primary key: of racing appends at one index the
 * database lets exactly one insert in, and the others conflict.
 */
public final class JdbcKeyLogStore implements KeyLogStore {
  private static final String CHECKPOINT_COLUMNS = "tree_size, note, created_at";

  private final Session session;
  private final Schema schema;

  public JdbcKeyLogStore(Session session, Schema schema) {
    this.session = session;
    this.schema = schema;
  }

  @Override
  public long size() {
    return session.read("read the key log's size", h ->
        h.createQuery(schema.sql("SELECT COUNT(*) FROM {p}key_log_leaf"))
            .mapTo(Long.class).one());
  }

  @Override
  public void append(KeyLogLeaf leaf, List<KeyLogNode> nodes) {
    session.write("append to the key log", h -> {
      long size = h.createQuery(schema.sql("SELECT COUNT(*) FROM {p}key_log_leaf"))
          .mapTo(Long.class).one();
      if (leaf.index() != size) {
        throw new ConflictException("the key log has " + size + " entries, not "
            + leaf.index());
      }
      h.createUpdate(schema.sql("INSERT INTO {p}key_log_leaf (leaf_index, user_id, leaf)"
              + " VALUES (:index, :user, :leaf)"))
          .bind("index", leaf.index())
          .bind("user", leaf.user().value())
          .bind("leaf", leaf.data())
          .execute();
      if (!nodes.isEmpty()) {
        PreparedBatch batch = h.prepareBatch(schema.sql("INSERT INTO {p}key_log_node"
            + " (node_level, node_index, hash) VALUES (:level, :index, :hash)"));
        for (KeyLogNode node : nodes) {
          batch.bind("level", node.level()).bind("index", node.index())
              .bind("hash", node.hash()).add();
        }
        batch.execute();
      }
      return size + 1;
    });
  }

  @Override
  public List<KeyLogLeaf> leaves(long from, int max) {
    return session.read("read the key log", h ->
        h.createQuery(schema.sql("SELECT leaf_index, user_id, leaf FROM {p}key_log_leaf"
                + " WHERE leaf_index >= :from ORDER BY leaf_index LIMIT :limit"))
            .bind("from", from)
            .bind("limit", Math.max(max, 0))
            .map(JdbcKeyLogStore::leaf)
            .list());
  }

  @Override
  public List<KeyLogLeaf> leavesOf(UserId user) {
    return session.read("read the key log entries of " + user, h ->
        h.createQuery(schema.sql("SELECT leaf_index, user_id, leaf FROM {p}key_log_leaf"
                + " WHERE user_id = :user ORDER BY leaf_index"))
            .bind("user", user.value())
            .map(JdbcKeyLogStore::leaf)
            .list());
  }

  @Override
  public Optional<byte[]> node(int level, long index) {
    return session.read("read a key log node", h ->
        h.createQuery(schema.sql("SELECT hash FROM {p}key_log_node"
                + " WHERE node_level = :level AND node_index = :index"))
            .bind("level", level)
            .bind("index", index)
            .map((rs, ctx) -> rs.getBytes("hash"))
            .findOne());
  }

  @Override
  public Map<UserId, List<KeyLogLeaf>> leavesOfAll(Collection<UserId> users) {
    List<List<String>> lists = InLists.of(users.stream().map(UserId::value).toList());
    return session.read("read the key log entries of " + users.size() + " users", h -> {
      Map<UserId, List<KeyLogLeaf>> found = new LinkedHashMap<>();
      users.forEach(user -> found.put(user, new ArrayList<>()));
      for (List<String> list : lists) {
        h.createQuery(schema.sql("SELECT leaf_index, user_id, leaf FROM {p}key_log_leaf"
                + " WHERE user_id IN (<users>) ORDER BY leaf_index"))
            .bindList("users", list)
            .map(JdbcKeyLogStore::leaf)
            .forEach(leaf -> found.computeIfAbsent(leaf.user(), k -> new ArrayList<>()).add(leaf));
      }
      return found;
    });
  }

  /** One statement per IN-list: {@code (node_level, node_index) IN ((?, ?), ...)}. */
  @Override
  public List<KeyLogNode> nodes(Collection<KeyLogNode.Position> positions) {
    List<List<KeyLogNode.Position>> lists = InLists.of(positions);
    return session.read("read " + positions.size() + " key log nodes", h -> {
      List<KeyLogNode> found = new ArrayList<>();
      for (List<KeyLogNode.Position> list : lists) {
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < list.size(); i++) {
          in.append(i == 0 ? "" : ", ").append("(:l").append(i).append(", :i").append(i)
              .append(')');
        }
        Query query = h.createQuery(schema.sql(
            "SELECT node_level, node_index, hash FROM {p}key_log_node"
                + " WHERE (node_level, node_index) IN (" + in + ")"));
        for (int i = 0; i < list.size(); i++) {
          query.bind("l" + i, list.get(i).level()).bind("i" + i, list.get(i).index());
        }
        query.map((rs, ctx) -> new KeyLogNode(rs.getInt("node_level"), rs.getLong("node_index"),
            rs.getBytes("hash"))).forEach(found::add);
      }
      return found;
    });
  }

  @Override
  public void saveCheckpoint(KeyLogCheckpoint checkpoint) {
    session.write("save a key log checkpoint", h ->
        h.createUpdate(schema.upsert("key_log_checkpoint", List.of("tree_size"),
                List.of("note", "created_at")))
            .bind("tree_size", checkpoint.size())
            .bind("note", checkpoint.note().getBytes(StandardCharsets.UTF_8))
            .bind("created_at", Times.stored(checkpoint.createdAt()))
            .execute());
  }

  @Override
  public Optional<KeyLogCheckpoint> latestCheckpoint() {
    return session.read("read the latest key log checkpoint", h ->
        h.createQuery(schema.sql("SELECT " + CHECKPOINT_COLUMNS + " FROM {p}key_log_checkpoint"
                + " ORDER BY tree_size DESC LIMIT 1"))
            .map(JdbcKeyLogStore::checkpoint)
            .findOne());
  }

  @Override
  public List<KeyLogCheckpoint> checkpoints(long fromSize, int max) {
    return session.read("read key log checkpoints", h ->
        h.createQuery(schema.sql("SELECT " + CHECKPOINT_COLUMNS + " FROM {p}key_log_checkpoint"
                + " WHERE tree_size >= :from ORDER BY tree_size LIMIT :limit"))
            .bind("from", fromSize)
            .bind("limit", Math.max(max, 0))
            .map(JdbcKeyLogStore::checkpoint)
            .list());
  }

  @Override
  public Optional<byte[]> view(UserId user) {
    return session.read("read the key log view of " + user, h ->
        h.createQuery(schema.sql("SELECT view FROM {p}key_log_view WHERE user_id = :user"))
            .bind("user", user.value())
            .map((rs, ctx) -> rs.getBytes("view"))
            .findOne());
  }

  @Override
  public void saveView(UserId user, byte[] sealed) {
    session.write("save the key log view of " + user, h ->
        h.createUpdate(schema.upsert("key_log_view", List.of("user_id"), List.of("view")))
            .bind("user_id", user.value())
            .bind("view", sealed)
            .execute());
  }

  @Override
  public Optional<byte[]> seenCheckpoint(UserId user) {
    return session.read("read the key log checkpoint " + user + " relied on", h ->
        h.createQuery(schema.sql("SELECT signed_statement FROM {p}key_log_seen"
                + " WHERE user_id = :user"))
            .bind("user", user.value())
            .map((rs, ctx) -> rs.getBytes("signed_statement"))
            .findOne());
  }

  @Override
  public void saveSeenCheckpoint(UserId user, byte[] statement) {
    session.write("save the key log checkpoint " + user + " relied on", h ->
        h.createUpdate(schema.upsert("key_log_seen", List.of("user_id"),
                List.of("signed_statement")))
            .bind("user_id", user.value())
            .bind("signed_statement", statement)
            .execute());
  }

  @Override
  public Optional<byte[]> checkpointKey() {
    return session.read("read the key log's checkpoint key", h ->
        h.createQuery(schema.sql("SELECT sealed_key FROM {p}key_log_key WHERE id = 1"))
            .map((rs, ctx) -> rs.getBytes("sealed_key"))
            .findOne());
  }

  @Override
  public byte[] saveCheckpointKeyIfAbsent(byte[] sealed) {
    try {
      session.write("store the key log's checkpoint key", h ->
          h.createUpdate(schema.sql("INSERT INTO {p}key_log_key (id, sealed_key)"
                  + " VALUES (1, :key)"))
              .bind("key", sealed)
              .execute());
    } catch (ConflictException e) {
      // another node stored one first: that one stands
    }
    return checkpointKey().orElseThrow(() ->
        new ConflictException("the key log's checkpoint key vanished; try again"));
  }

  private static KeyLogLeaf leaf(ResultSet rs, StatementContext ctx) throws SQLException {
    return new KeyLogLeaf(rs.getLong("leaf_index"), UserId.of(rs.getString("user_id")),
        rs.getBytes("leaf"));
  }

  private static KeyLogCheckpoint checkpoint(ResultSet rs, StatementContext ctx)
      throws SQLException {
    return new KeyLogCheckpoint(rs.getLong("tree_size"),
        new String(rs.getBytes("note"), StandardCharsets.UTF_8), Times.read(rs, "created_at"));
  }
}
