-- pgbench script: the database work of one POST /api/batches/{id}/stages in catalog-service, as Hibernate
-- issues it (see bench/README.md): lock and read the batch, read its material lots (the response lists them),
-- update it with its version check, insert the stage, insert the outbox event with a payload the size of the
-- catalog's, commit.
--
-- pgbench turns every ":name" into a parameter, even inside string literals: the JSON below has a space after
-- "schemaVersion": and no times written with colons for that reason.
--
-- Variables (-D): n=0 (this client's transaction counter), clients (-c), batches (N seeded for the run), base
-- (the first key seeded for the run). Transaction i of the run (counted across clients: client c runs
-- i = c, c + clients, ...) completes stage (i div N) of batch base + (i mod N), like the wrk script, so no two
-- transactions ever touch the same batch at once and no key collides.
\set n :n + 1
\set i (:n - 1) * :clients + :client_id
\set k :base + (:i % :batches)
\set s :i / :batches
\set s1 :s + 1
\set seq :s + 2
BEGIN;
SELECT id, batch_number, domestic_value_share, factory_code, label_policy, label_reason, label_status, last_event_sequence, planned_at, quantity, stage, status, style_code, updated_at, version FROM batch WHERE id = bench_uuid(:k::bigint) FOR NO KEY UPDATE;
SELECT batch_id, position, component, supplier_lot_number FROM batch_material_lot WHERE batch_id = bench_uuid(:k::bigint);
UPDATE batch SET batch_number = 'PGB-' || lpad(:k::text, 10, '0'), domestic_value_share = 0.8000, factory_code = 'BEN', label_policy = 'NB_70', label_reason = 'factory BEN is in the US and domestic value share 0.8000 is at least 0.70 (NB_70)', label_status = 'MADE_IN_USA', last_event_sequence = :seq::bigint, planned_at = planned_at, quantity = 500, stage = (ARRAY['MATERIALS_SOURCED', 'PATTERN_CUT', 'STITCHED', 'LASTED', 'FINISHED'])[:s1::int], status = CASE WHEN :s1::int = 5 THEN 'IN_QC' ELSE 'IN_PRODUCTION' END, style_code = 'BENCH990', updated_at = clock_timestamp(), version = :s1::int WHERE id = bench_uuid(:k::bigint) AND version = :s::int;
INSERT INTO batch_stage (batch_id, stage, completed_at, sequence) VALUES (bench_uuid(:k::bigint), (ARRAY['MATERIALS_SOURCED', 'PATTERN_CUT', 'STITCHED', 'LASTED', 'FINISHED'])[:s1::int], clock_timestamp(), :seq::bigint);
INSERT INTO outbox_event (event_id, topic, aggregate_id, aggregate_sequence, event_type, schema_version, occurred_at, payload) SELECT e, 'production-events', bench_uuid(:k::bigint)::text, :seq::bigint, 'BatchStageCompleted', 1, clock_timestamp(), format('{"eventId":"%s","type":"BatchStageCompleted","schemaVersion": 1,"occurredAt":"%s","batchId":"%s","sequence":%s,"data":{"batchNumber":"PGB-%s","styleCode":"BENCH990","factoryCode":"BEN","stage":"%s","previousStage":"%s","status":"%s"}}', e, (to_json(clock_timestamp() AT TIME ZONE 'UTC') #>> '{}') || 'Z', bench_uuid(:k::bigint), :seq::bigint, lpad(:k::text, 10, '0'), (ARRAY['MATERIALS_SOURCED', 'PATTERN_CUT', 'STITCHED', 'LASTED', 'FINISHED'])[:s1::int], (ARRAY['MATERIALS_SOURCED', 'PATTERN_CUT', 'STITCHED', 'LASTED', 'FINISHED'])[:s::int], CASE WHEN :s1::int = 5 THEN 'IN_QC' ELSE 'IN_PRODUCTION' END) FROM (SELECT gen_random_uuid() AS e) g;
END;
