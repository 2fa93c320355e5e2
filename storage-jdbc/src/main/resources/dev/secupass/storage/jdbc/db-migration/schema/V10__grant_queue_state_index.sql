-- GrantQueue.summary (the hosts' backlog gauges): the open grants counted by state and the oldest
-- of each, from this index's ranges for 'WAITING_FOR_KEY' and 'READY' instead of every row of the
-- queue (which keeps its DONE and CANCELLED grants).
CREATE INDEX ${prefix}grant_queue_state ON ${prefix}grant_queue (state, created_at);
