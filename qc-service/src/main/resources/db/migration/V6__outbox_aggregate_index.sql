-- outbox_event_aggregate_idx (V5) repeats the index of the unique (aggregate_id, aggregate_sequence) constraint,
-- column for column. That index serves every lookup of an aggregate's events; the copy only cost one more index
-- entry on each event written and on each one marked published.
drop index if exists outbox_event_aggregate_idx;
