-- SecuPass schema version 2 (the types and ${prefix} as in V1):
--
-- Event leases. Several application nodes relay events at once: a claim sets lease_token and
-- lease_expires_at on the pending rows it hands out, and no other claim takes a row while its lease
-- runs (as the grant queue does). Acknowledging clears pending; releasing clears the lease.
ALTER TABLE ${prefix}event_outbox ADD lease_token ${text64};
ALTER TABLE ${prefix}event_outbox ADD lease_expires_at ${time};

-- Download records. A file counts as downloaded once per reader, when the reader reads it to its
-- end; a row here is that record, written in the same transaction as delivery.download_count.
-- reader is a user id, or a key the SDK makes for one anonymous opening of a level-1 link.
CREATE TABLE ${prefix}delivery_download (
  delivery_id   ${text64} NOT NULL,
  file_id       ${text64} NOT NULL,
  reader        ${text200} NOT NULL,
  downloaded_at ${time} NOT NULL,
  PRIMARY KEY (delivery_id, file_id, reader),
  CONSTRAINT ${prefix}delivery_download_delivery FOREIGN KEY (delivery_id)
    REFERENCES ${prefix}delivery (id)
)${table_options};
