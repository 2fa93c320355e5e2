-- The key transparency log (KeyLogStore, docs/key-log.md): leaves at consecutive indexes (the
-- primary key makes racing appends at one index conflict), the hashes of the tree's perfect
-- subtrees, the host's signed checkpoints by tree size, each user's sealed view, and the host's
-- checkpoint key sealed under the at-rest key (one row, id 1).
CREATE TABLE ${prefix}key_log_leaf (
  leaf_index BIGINT NOT NULL,
  user_id    ${text200} NOT NULL,
  leaf       ${bytes} NOT NULL,
  PRIMARY KEY (leaf_index)
)${table_options};
CREATE INDEX ${prefix}key_log_leaf_user ON ${prefix}key_log_leaf (user_id, leaf_index);

CREATE TABLE ${prefix}key_log_node (
  node_level SMALLINT NOT NULL,
  node_index BIGINT NOT NULL,
  hash       ${hash} NOT NULL,
  PRIMARY KEY (node_level, node_index)
)${table_options};

CREATE TABLE ${prefix}key_log_checkpoint (
  tree_size  BIGINT NOT NULL,
  note       ${bytes} NOT NULL,
  created_at ${time} NOT NULL,
  PRIMARY KEY (tree_size)
)${table_options};

CREATE TABLE ${prefix}key_log_view (
  user_id ${text200} NOT NULL,
  view    ${bytes} NOT NULL,
  PRIMARY KEY (user_id)
)${table_options};

CREATE TABLE ${prefix}key_log_key (
  id         SMALLINT NOT NULL,
  sealed_key ${bytes} NOT NULL,
  PRIMARY KEY (id)
)${table_options};
