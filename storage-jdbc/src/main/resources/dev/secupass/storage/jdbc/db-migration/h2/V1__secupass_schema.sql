-- SecuPass storage schema, H2 2.x (the embedded default). ${prefix} is the host's table prefix.
-- Times are UTC (TIMESTAMP without time zone, microseconds). H2 compares text exactly, so
-- ORDER BY matches the SDK's ordering of identifiers.

CREATE TABLE ${prefix}key_record (
  user_id                VARCHAR(200) NOT NULL,
  key_version            INTEGER NOT NULL,
  state                  VARCHAR(16) NOT NULL,
  active_marker          CHAR(1),
  public_keys            VARBINARY NOT NULL,
  encrypted_private_keys VARBINARY NOT NULL,
  kdf_algorithm          VARCHAR(100) NOT NULL,
  kdf_memory_kib         INTEGER NOT NULL,
  kdf_iterations         INTEGER NOT NULL,
  kdf_parallelism        INTEGER NOT NULL,
  revision               BIGINT NOT NULL,
  created_at             TIMESTAMP(6) NOT NULL,
  CONSTRAINT ${prefix}key_record_pk PRIMARY KEY (user_id, key_version),
  -- at most one ACTIVE record per user: active_marker is 'Y' when active, NULL otherwise
  CONSTRAINT ${prefix}key_record_one_active UNIQUE (user_id, active_marker)
);

CREATE TABLE ${prefix}key_pin (
  observer_id VARCHAR(200) NOT NULL,
  subject_id  VARCHAR(200) NOT NULL,
  key_version INTEGER NOT NULL,
  fingerprint VARCHAR(100) NOT NULL,
  pinned_at   TIMESTAMP(6) NOT NULL,
  seal        VARBINARY NOT NULL,
  CONSTRAINT ${prefix}key_pin_pk PRIMARY KEY (observer_id, subject_id)
);

CREATE TABLE ${prefix}delivery (
  id              VARCHAR(64) NOT NULL,
  sender_id       VARCHAR(200) NOT NULL,
  security_level  SMALLINT NOT NULL,
  state           VARCHAR(16) NOT NULL,
  created_at      TIMESTAMP(6) NOT NULL,
  expires_at      TIMESTAMP(6) NOT NULL,
  download_limit  INTEGER NOT NULL,
  download_count  INTEGER NOT NULL,
  details         VARBINARY NOT NULL,
  manifest        VARBINARY NOT NULL,
  link_token_hash BYTEA,
  CONSTRAINT ${prefix}delivery_pk PRIMARY KEY (id),
  CONSTRAINT ${prefix}delivery_link_token UNIQUE (link_token_hash)
);
CREATE INDEX ${prefix}delivery_outbox ON ${prefix}delivery (sender_id, created_at DESC, id DESC);
CREATE INDEX ${prefix}delivery_expiry ON ${prefix}delivery (state, expires_at);

CREATE TABLE ${prefix}delivery_file (
  delivery_id VARCHAR(64) NOT NULL,
  list_index  INTEGER NOT NULL,
  file_id     VARCHAR(64) NOT NULL,
  blob_id     VARCHAR(64) NOT NULL,
  plain_size  BIGINT NOT NULL,
  stored_size BIGINT NOT NULL,
  digest      VARBINARY NOT NULL,
  name        VARBINARY NOT NULL,
  CONSTRAINT ${prefix}delivery_file_pk PRIMARY KEY (delivery_id, list_index),
  CONSTRAINT ${prefix}delivery_file_delivery FOREIGN KEY (delivery_id)
    REFERENCES ${prefix}delivery (id)
);

-- created_at repeats the delivery's, so the inbox is one index range scan.
CREATE TABLE ${prefix}delivery_recipient (
  delivery_id VARCHAR(64) NOT NULL,
  user_id     VARCHAR(200) NOT NULL,
  list_index  INTEGER NOT NULL,
  kind        VARCHAR(16) NOT NULL,
  address     VARCHAR(320) NOT NULL,
  created_at  TIMESTAMP(6) NOT NULL,
  CONSTRAINT ${prefix}delivery_recipient_pk PRIMARY KEY (delivery_id, user_id),
  CONSTRAINT ${prefix}delivery_recipient_delivery FOREIGN KEY (delivery_id)
    REFERENCES ${prefix}delivery (id)
);
CREATE INDEX ${prefix}delivery_inbox
  ON ${prefix}delivery_recipient (user_id, created_at DESC, delivery_id DESC);

CREATE TABLE ${prefix}delivery_envelope (
  delivery_id  VARCHAR(64) NOT NULL,
  recipient_id VARCHAR(200) NOT NULL,
  key_version  INTEGER NOT NULL,
  granter_id   VARCHAR(200) NOT NULL,
  envelope     VARBINARY NOT NULL,
  created_at   TIMESTAMP(6) NOT NULL,
  CONSTRAINT ${prefix}delivery_envelope_pk PRIMARY KEY (delivery_id, recipient_id, key_version),
  CONSTRAINT ${prefix}delivery_envelope_delivery FOREIGN KEY (delivery_id)
    REFERENCES ${prefix}delivery (id)
);

CREATE TABLE ${prefix}grant_queue (
  id               VARCHAR(64) NOT NULL,
  target_kind      VARCHAR(16) NOT NULL,
  target_id        VARCHAR(64) NOT NULL,
  recipient_id     VARCHAR(200) NOT NULL,
  granter_id       VARCHAR(200),
  state            VARCHAR(16) NOT NULL,
  -- 'Y' while the grant is not final, NULL after: one open grant per target and recipient
  open_marker      CHAR(1),
  key_version      INTEGER,
  created_at       TIMESTAMP(6) NOT NULL,
  updated_at       TIMESTAMP(6) NOT NULL,
  lease_token      VARCHAR(64),
  lease_expires_at TIMESTAMP(6),
  CONSTRAINT ${prefix}grant_queue_pk PRIMARY KEY (id),
  CONSTRAINT ${prefix}grant_queue_one_open
    UNIQUE (target_kind, target_id, recipient_id, open_marker)
);
CREATE INDEX ${prefix}grant_queue_granter ON ${prefix}grant_queue (granter_id, state, created_at);
CREATE INDEX ${prefix}grant_queue_recipient ON ${prefix}grant_queue (recipient_id, created_at);

CREATE TABLE ${prefix}room (
  id         VARCHAR(64) NOT NULL,
  created_by VARCHAR(200) NOT NULL,
  created_at TIMESTAMP(6) NOT NULL,
  epoch      INTEGER NOT NULL,
  name       VARBINARY NOT NULL,
  CONSTRAINT ${prefix}room_pk PRIMARY KEY (id)
);

CREATE TABLE ${prefix}room_member (
  room_id  VARCHAR(64) NOT NULL,
  user_id  VARCHAR(200) NOT NULL,
  role     VARCHAR(16) NOT NULL,
  added_at TIMESTAMP(6) NOT NULL,
  CONSTRAINT ${prefix}room_member_pk PRIMARY KEY (room_id, user_id),
  CONSTRAINT ${prefix}room_member_room FOREIGN KEY (room_id) REFERENCES ${prefix}room (id)
);
CREATE INDEX ${prefix}room_member_user ON ${prefix}room_member (user_id, room_id);

CREATE TABLE ${prefix}room_membership (
  room_id    VARCHAR(64) NOT NULL,
  seq_no     BIGINT NOT NULL,
  entry      VARBINARY NOT NULL,
  created_at TIMESTAMP(6) NOT NULL,
  CONSTRAINT ${prefix}room_membership_pk PRIMARY KEY (room_id, seq_no),
  CONSTRAINT ${prefix}room_membership_room FOREIGN KEY (room_id) REFERENCES ${prefix}room (id)
);

CREATE TABLE ${prefix}room_envelope (
  room_id     VARCHAR(64) NOT NULL,
  member_id   VARCHAR(200) NOT NULL,
  epoch       INTEGER NOT NULL,
  key_version INTEGER NOT NULL,
  granter_id  VARCHAR(200) NOT NULL,
  envelope    VARBINARY NOT NULL,
  created_at  TIMESTAMP(6) NOT NULL,
  CONSTRAINT ${prefix}room_envelope_pk PRIMARY KEY (room_id, member_id, epoch, key_version),
  CONSTRAINT ${prefix}room_envelope_room FOREIGN KEY (room_id) REFERENCES ${prefix}room (id)
);
CREATE INDEX ${prefix}room_envelope_epoch ON ${prefix}room_envelope (room_id, epoch);

CREATE TABLE ${prefix}room_entry (
  room_id    VARCHAR(64) NOT NULL,
  id         VARCHAR(64) NOT NULL,
  parent_id  VARCHAR(64),
  kind       VARCHAR(16) NOT NULL,
  epoch      INTEGER NOT NULL,
  name       VARBINARY NOT NULL,
  blob_id    VARCHAR(64),
  plain_size BIGINT NOT NULL,
  header     VARBINARY NOT NULL,
  created_at TIMESTAMP(6) NOT NULL,
  revision   BIGINT NOT NULL,
  CONSTRAINT ${prefix}room_entry_pk PRIMARY KEY (room_id, id),
  CONSTRAINT ${prefix}room_entry_room FOREIGN KEY (room_id) REFERENCES ${prefix}room (id),
  CONSTRAINT ${prefix}room_entry_parent FOREIGN KEY (room_id, parent_id)
    REFERENCES ${prefix}room_entry (room_id, id)
);
CREATE INDEX ${prefix}room_entry_parent_idx ON ${prefix}room_entry (room_id, parent_id);

CREATE TABLE ${prefix}guest_account (
  user_id       VARCHAR(200) NOT NULL,
  email         VARCHAR(320) NOT NULL,
  username      VARCHAR(100),
  password_hash VARBINARY NOT NULL,
  created_at    TIMESTAMP(6) NOT NULL,
  revision      BIGINT NOT NULL,
  CONSTRAINT ${prefix}guest_account_pk PRIMARY KEY (user_id),
  CONSTRAINT ${prefix}guest_account_email UNIQUE (email),
  CONSTRAINT ${prefix}guest_account_username UNIQUE (username)
);

CREATE TABLE ${prefix}guest_invitation (
  token_hash  VARBINARY NOT NULL,
  guest_id    VARCHAR(200) NOT NULL,
  delivery_id VARCHAR(64) NOT NULL,
  created_at  TIMESTAMP(6) NOT NULL,
  expires_at  TIMESTAMP(6) NOT NULL,
  CONSTRAINT ${prefix}guest_invitation_pk PRIMARY KEY (token_hash)
);
CREATE INDEX ${prefix}guest_invitation_guest ON ${prefix}guest_invitation (guest_id, created_at, token_hash);

CREATE TABLE ${prefix}event_outbox (
  seq         BIGINT GENERATED ALWAYS AS IDENTITY,
  id          VARCHAR(64) NOT NULL,
  event_type  VARCHAR(64) NOT NULL,
  audience_id VARCHAR(200) NOT NULL,
  payload     VARBINARY NOT NULL,
  created_at  TIMESTAMP(6) NOT NULL,
  pending     BOOLEAN NOT NULL,
  CONSTRAINT ${prefix}event_outbox_pk PRIMARY KEY (seq),
  CONSTRAINT ${prefix}event_outbox_id UNIQUE (id)
);
CREATE INDEX ${prefix}event_outbox_pending ON ${prefix}event_outbox (pending, seq);
CREATE INDEX ${prefix}event_outbox_audience ON ${prefix}event_outbox (audience_id, created_at DESC, id DESC);

CREATE TABLE ${prefix}audit_log (
  seq         BIGINT GENERATED ALWAYS AS IDENTITY,
  occurred_at TIMESTAMP(6) NOT NULL,
  actor_id    VARCHAR(200),
  action      VARCHAR(64) NOT NULL,
  target      VARCHAR(200) NOT NULL,
  outcome     VARCHAR(64) NOT NULL,
  CONSTRAINT ${prefix}audit_log_pk PRIMARY KEY (seq)
);
CREATE INDEX ${prefix}audit_log_target ON ${prefix}audit_log (target, seq);

-- Blob content in fixed-size chunks. Chunks belong to one upload; the blob_object row that names
-- the upload is written in the same transaction as the chunks, so a blob is visible whole or not.
CREATE TABLE ${prefix}blob_object (
  id         VARCHAR(64) NOT NULL,
  upload_id  VARCHAR(32) NOT NULL,
  blob_size  BIGINT NOT NULL,
  chunk_size INTEGER NOT NULL,
  created_at TIMESTAMP(6) NOT NULL,
  CONSTRAINT ${prefix}blob_object_pk PRIMARY KEY (id)
);

CREATE TABLE ${prefix}blob_chunk (
  upload_id VARCHAR(32) NOT NULL,
  chunk_no  INTEGER NOT NULL,
  -- BLOB, not VARBINARY: H2 keeps a VARBINARY inline in its pages, which 1 MiB values bloat.
  data      BLOB NOT NULL,
  CONSTRAINT ${prefix}blob_chunk_pk PRIMARY KEY (upload_id, chunk_no)
);
