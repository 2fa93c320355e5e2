-- The upload journal (BlobJournal, docs/testing.md#crash-consistency): a row per blob that may have
-- no row referring to it, written before its upload begins (or when a row lets go of it) and
-- deleted by the transaction that stores the row referring to it. The sweep lists rows older than
-- a grace period by begun_at, sets claimed, deletes the blob and then the row; the transaction
-- that would refer to the blob deletes the row only while claimed is FALSE, so the two exclude
-- each other on the row.
CREATE TABLE ${prefix}blob_journal (
  blob_id  ${text64} NOT NULL,
  begun_at ${time} NOT NULL,
  claimed  BOOLEAN NOT NULL,
  PRIMARY KEY (blob_id)
)${table_options};
CREATE INDEX ${prefix}blob_journal_begun ON ${prefix}blob_journal (begun_at, blob_id);
