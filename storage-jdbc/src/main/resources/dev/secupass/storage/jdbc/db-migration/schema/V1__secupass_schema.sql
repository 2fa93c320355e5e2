-- The SecuPass storage schema, one definition for every dialect. ${prefix} is the host's table
-- prefix; column types are placeholders that Migrations fills in per dialect
-- (SqlDialect.columnTypes):
--   text16 .. text320: text of at most that many characters that compares exactly, case and
--     trailing spaces included (PostgreSQL: COLLATE "C"; MariaDB/MySQL: the binary, non-padding
--     collation of table_options; H2: exact by default), so ORDER BY matches the SDK's ordering;
--   flag: one character, 'Y' or NULL; bytes: opaque bytes; hash: a hash of at most 512 bytes
--     that is a unique key; chunk: a blob chunk; time: a UTC date-time without zone, at
--     microseconds; serial: a generated BIGINT key; table_options: MariaDB/MySQL's engine and
--     collation, empty elsewhere.

CREATE TABLE ${prefix}key_record (
  user_id                ${text200} NOT NULL,
  key_version            INTEGER NOT NULL,
  state                  ${text16} NOT NULL,
  active_marker          ${flag},
  public_keys            ${bytes} NOT NULL,
  encrypted_private_keys ${bytes} NOT NULL,
  kdf_algorithm          ${text100} NOT NULL,
  kdf_memory_kib         INTEGER NOT NULL,
  kdf_iterations         INTEGER NOT NULL,
  kdf_parallelism        INTEGER NOT NULL,
  revision               BIGINT NOT NULL,
  created_at             ${time} NOT NULL,
  PRIMARY KEY (user_id, key_version),
  -- at most one ACTIVE record per user: active_marker is 'Y' when active, NULL otherwise
  CONSTRAINT ${prefix}key_record_one_active UNIQUE (user_id, active_marker)
)${table_options};

CREATE TABLE ${prefix}key_pin (
  observer_id ${text200} NOT NULL,
  subject_id  ${text200} NOT NULL,
  key_version INTEGER NOT NULL,
  fingerprint ${text100} NOT NULL,
  pinned_at   ${time} NOT NULL,
  seal        ${bytes} NOT NULL,
  PRIMARY KEY (observer_id, subject_id)
)${table_options};

CREATE TABLE ${prefix}delivery (
  id              ${text64} NOT NULL,
  sender_id       ${text200} NOT NULL,
  security_level  SMALLINT NOT NULL,
  state           ${text16} NOT NULL,
  created_at      ${time} NOT NULL,
  expires_at      ${time} NOT NULL,
  download_limit  INTEGER NOT NULL,
  download_count  INTEGER NOT NULL,
  details         ${bytes} NOT NULL,
  manifest        ${bytes} NOT NULL,
  link_token_hash ${hash},
  PRIMARY KEY (id),
  CONSTRAINT ${prefix}delivery_link_token UNIQUE (link_token_hash)
)${table_options};
CREATE INDEX ${prefix}delivery_outbox ON ${prefix}delivery (sender_id, created_at DESC, id DESC);
CREATE INDEX ${prefix}delivery_expiry ON ${prefix}delivery (state, expires_at);

CREATE TABLE ${prefix}delivery_file (
  delivery_id ${text64} NOT NULL,
  list_index  INTEGER NOT NULL,
  file_id     ${text64} NOT NULL,
  blob_id     ${text64} NOT NULL,
  plain_size  BIGINT NOT NULL,
  stored_size BIGINT NOT NULL,
  digest      ${bytes} NOT NULL,
  name        ${bytes} NOT NULL,
  PRIMARY KEY (delivery_id, list_index),
  CONSTRAINT ${prefix}delivery_file_delivery FOREIGN KEY (delivery_id)
    REFERENCES ${prefix}delivery (id)
)${table_options};

-- created_at repeats the delivery's, so the inbox is one index range scan.
CREATE TABLE ${prefix}delivery_recipient (
  delivery_id ${text64} NOT NULL,
  user_id     ${text200} NOT NULL,
  list_index  INTEGER NOT NULL,
  kind        ${text16} NOT NULL,
  address     ${text320} NOT NULL,
  created_at  ${time} NOT NULL,
  PRIMARY KEY (delivery_id, user_id),
  CONSTRAINT ${prefix}delivery_recipient_delivery FOREIGN KEY (delivery_id)
    REFERENCES ${prefix}delivery (id)
)${table_options};
CREATE INDEX ${prefix}delivery_inbox
  ON ${prefix}delivery_recipient (user_id, created_at DESC, delivery_id DESC);

CREATE TABLE ${prefix}delivery_envelope (
  delivery_id  ${text64} NOT NULL,
  recipient_id ${text200} NOT NULL,
  key_version  INTEGER NOT NULL,
  granter_id   ${text200} NOT NULL,
  envelope     ${bytes} NOT NULL,
  created_at   ${time} NOT NULL,
  PRIMARY KEY (delivery_id, recipient_id, key_version),
  CONSTRAINT ${prefix}delivery_envelope_delivery FOREIGN KEY (delivery_id)
    REFERENCES ${prefix}delivery (id)
)${table_options};

CREATE TABLE ${prefix}grant_queue (
  id               ${text64} NOT NULL,
  target_kind      ${text16} NOT NULL,
  target_id        ${text64} NOT NULL,
  recipient_id     ${text200} NOT NULL,
  granter_id       ${text200},
  state            ${text16} NOT NULL,
  -- 'Y' while the grant is not final, NULL after: one open grant per target and recipient
  open_marker      ${flag},
  key_version      INTEGER,
  created_at       ${time} NOT NULL,
  updated_at       ${time} NOT NULL,
  lease_token      ${text64},
  lease_expires_at ${time},
  PRIMARY KEY (id),
  CONSTRAINT ${prefix}grant_queue_one_open
    UNIQUE (target_kind, target_id, recipient_id, open_marker)
)${table_options};
CREATE INDEX ${prefix}grant_queue_granter ON ${prefix}grant_queue (granter_id, state, created_at);
CREATE INDEX ${prefix}grant_queue_recipient ON ${prefix}grant_queue (recipient_id, created_at);

CREATE TABLE ${prefix}room (
  id         ${text64} NOT NULL,
  created_by ${text200} NOT NULL,
  created_at ${time} NOT NULL,
  epoch      INTEGER NOT NULL,
  name       ${bytes} NOT NULL,
  PRIMARY KEY (id)
)${table_options};

CREATE TABLE ${prefix}room_member (
  room_id  ${text64} NOT NULL,
  user_id  ${text200} NOT NULL,
  role     ${text16} NOT NULL,
  added_at ${time} NOT NULL,
  PRIMARY KEY (room_id, user_id),
  CONSTRAINT ${prefix}room_member_room FOREIGN KEY (room_id) REFERENCES ${prefix}room (id)
)${table_options};
CREATE INDEX ${prefix}room_member_user ON ${prefix}room_member (user_id, room_id);

CREATE TABLE ${prefix}room_membership (
  room_id    ${text64} NOT NULL,
  seq_no     BIGINT NOT NULL,
  entry      ${bytes} NOT NULL,
  created_at ${time} NOT NULL,
  PRIMARY KEY (room_id, seq_no),
  CONSTRAINT ${prefix}room_membership_room FOREIGN KEY (room_id) REFERENCES ${prefix}room (id)
)${table_options};

CREATE TABLE ${prefix}room_envelope (
  room_id     ${text64} NOT NULL,
  member_id   ${text200} NOT NULL,
  epoch       INTEGER NOT NULL,
  key_version INTEGER NOT NULL,
  granter_id  ${text200} NOT NULL,
  envelope    ${bytes} NOT NULL,
  created_at  ${time} NOT NULL,
  PRIMARY KEY (room_id, member_id, epoch, key_version),
  CONSTRAINT ${prefix}room_envelope_room FOREIGN KEY (room_id) REFERENCES ${prefix}room (id)
)${table_options};
CREATE INDEX ${prefix}room_envelope_epoch ON ${prefix}room_envelope (room_id, epoch);

CREATE TABLE ${prefix}room_entry (
  room_id    ${text64} NOT NULL,
  id         ${text64} NOT NULL,
  parent_id  ${text64},
  kind       ${text16} NOT NULL,
  epoch      INTEGER NOT NULL,
  name       ${bytes} NOT NULL,
  blob_id    ${text64},
  plain_size BIGINT NOT NULL,
  header     ${bytes} NOT NULL,
  created_at ${time} NOT NULL,
  revision   BIGINT NOT NULL,
  PRIMARY KEY (room_id, id),
  CONSTRAINT ${prefix}room_entry_room FOREIGN KEY (room_id) REFERENCES ${prefix}room (id),
  CONSTRAINT ${prefix}room_entry_parent FOREIGN KEY (room_id, parent_id)
    REFERENCES ${prefix}room_entry (room_id, id)
)${table_options};
CREATE INDEX ${prefix}room_entry_parent_idx ON ${prefix}room_entry (room_id, parent_id);

CREATE TABLE ${prefix}guest_account (
  user_id       ${text200} NOT NULL,
  email         ${text320} NOT NULL,
  username      ${text100},
  password_hash ${bytes} NOT NULL,
  created_at    ${time} NOT NULL,
  revision      BIGINT NOT NULL,
  PRIMARY KEY (user_id),
  CONSTRAINT ${prefix}guest_account_email UNIQUE (email),
  CONSTRAINT ${prefix}guest_account_username UNIQUE (username)
)${table_options};

CREATE TABLE ${prefix}guest_invitation (
  token_hash  ${hash} NOT NULL,
  guest_id    ${text200} NOT NULL,
  delivery_id ${text64} NOT NULL,
  created_at  ${time} NOT NULL,
  expires_at  ${time} NOT NULL,
  PRIMARY KEY (token_hash)
)${table_options};
CREATE INDEX ${prefix}guest_invitation_guest
  ON ${prefix}guest_invitation (guest_id, created_at, token_hash);

CREATE TABLE ${prefix}event_outbox (
  seq         ${serial},
  id          ${text64} NOT NULL,
  event_type  ${text64} NOT NULL,
  audience_id ${text200} NOT NULL,
  payload     ${bytes} NOT NULL,
  created_at  ${time} NOT NULL,
  pending     BOOLEAN NOT NULL,
  PRIMARY KEY (seq),
  CONSTRAINT ${prefix}event_outbox_id UNIQUE (id)
)${table_options};
CREATE INDEX ${prefix}event_outbox_pending ON ${prefix}event_outbox (pending, seq);
CREATE INDEX ${prefix}event_outbox_audience
  ON ${prefix}event_outbox (audience_id, created_at DESC, id DESC);

CREATE TABLE ${prefix}audit_log (
  seq         ${serial},
  occurred_at ${time} NOT NULL,
  actor_id    ${text200},
  action      ${text64} NOT NULL,
  target      ${text200} NOT NULL,
  outcome     ${text64} NOT NULL,
  PRIMARY KEY (seq)
)${table_options};
CREATE INDEX ${prefix}audit_log_target ON ${prefix}audit_log (target, seq);

-- Blob content in fixed-size chunks. Chunks belong to one upload; the blob_object row that names
-- the upload is written in the same transaction as the chunks, so a blob is visible whole or not.
CREATE TABLE ${prefix}blob_object (
  id         ${text64} NOT NULL,
  upload_id  ${text64} NOT NULL,
  blob_size  BIGINT NOT NULL,
  chunk_size INTEGER NOT NULL,
  created_at ${time} NOT NULL,
  PRIMARY KEY (id)
)${table_options};

CREATE TABLE ${prefix}blob_chunk (
  upload_id ${text64} NOT NULL,
  chunk_no  INTEGER NOT NULL,
  data      ${chunk} NOT NULL,
  PRIMARY KEY (upload_id, chunk_no)
)${table_options};
