-- Checkpoint exchange (KeyLogStore.seenCheckpoint, docs/key-log.md "Checkpoint exchange"): per
-- user, the signed statement of the key-log checkpoint the user's SDK last relied on, which other
-- users' SDKs compare with the checkpoint they hold, so that a log shown differently to two users
-- shows up.
CREATE TABLE ${prefix}key_log_seen (
  user_id          ${text200} NOT NULL,
  signed_statement ${bytes} NOT NULL,
  PRIMARY KEY (user_id)
)${table_options};
