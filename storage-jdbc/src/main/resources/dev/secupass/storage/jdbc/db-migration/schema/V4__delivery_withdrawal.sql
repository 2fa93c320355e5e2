-- A withdrawn delivery keeps its sender's withdrawal statement (docs/format.md, "Withdrawal
-- statement"): signed by the sender at levels 3-4, sealed under the host's at-rest key at levels
-- 1-2. NULL while the delivery is not withdrawn, and for deliveries withdrawn before this column
-- existed (readers report those as damaged: nothing proves that their sender withdrew them).
ALTER TABLE ${prefix}delivery ADD COLUMN withdrawal ${bytes};
