-- pgbench script: the database work of one POST /api/batches/{id}/stages in catalog-service, statement for
-- statement as its BatchService, BatchReads, BatchWrites and OutboxWriter issue it when the change goes through
-- first time, as every change of this load does (see bench/README.md). A batch's first change of the run reads the
-- batch with its material lots (the response lists them), unlocked; its later changes do not, since the catalog
-- holds each batch as its last change left it (ChangedBatches; a run's batches, 4.5 times the run's rate, fit in
-- it). Then, if the batch is still at the change read (or held), one statement updates it, inserts the stage and
-- inserts the outbox event with a payload the size of the catalog's. No transaction around them: each statement
-- commits by itself.
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
\if :s = 0
SELECT b.id, b.batch_number, b.style_code, b.factory_code, b.quantity, b.status, b.stage, b.label_status, b.label_policy, b.domestic_value_share, b.label_reason, b.planned_at, b.updated_at, b.last_event_sequence, array(SELECT l.component FROM batch_material_lot l WHERE l.batch_id = b.id ORDER BY l.position), array(SELECT l.supplier_lot_number FROM batch_material_lot l WHERE l.batch_id = b.id ORDER BY l.position) FROM batch b WHERE b.id = bench_uuid(:k::bigint);
\endif
WITH changed AS (UPDATE batch SET status = CASE WHEN :s1::int = 5 THEN 'IN_QC' ELSE 'IN_PRODUCTION' END, stage = (ARRAY['MATERIALS_SOURCED', 'PATTERN_CUT', 'STITCHED', 'LASTED', 'FINISHED'])[:s1::int], updated_at = clock_timestamp(), last_event_sequence = :seq::bigint, version = version + 1 WHERE id = bench_uuid(:k::bigint) AND last_event_sequence = :s1::bigint RETURNING id), history AS (INSERT INTO batch_stage (batch_id, stage, completed_at, sequence) SELECT id, (ARRAY['MATERIALS_SOURCED', 'PATTERN_CUT', 'STITCHED', 'LASTED', 'FINISHED'])[:s1::int], clock_timestamp(), :seq::bigint FROM changed) INSERT INTO outbox_event (event_id, topic, aggregate_id, aggregate_sequence, event_type, schema_version, occurred_at, payload) SELECT e, 'production-events', bench_uuid(:k::bigint)::text, :seq::bigint, 'BatchStageCompleted', 1, clock_timestamp(), format('{"eventId":"%s","type":"BatchStageCompleted","schemaVersion": 1,"occurredAt":"%s","batchId":"%s","sequence":%s,"data":{"batchNumber":"PGB-%s","styleCode":"BENCH990","factoryCode":"BEN","stage":"%s","previousStage":"%s","status":"%s"}}', e, (to_json(clock_timestamp() AT TIME ZONE 'UTC') #>> '{}') || 'Z', bench_uuid(:k::bigint), :seq::bigint, lpad(:k::text, 10, '0'), (ARRAY['MATERIALS_SOURCED', 'PATTERN_CUT', 'STITCHED', 'LASTED', 'FINISHED'])[:s1::int], (ARRAY['MATERIALS_SOURCED', 'PATTERN_CUT', 'STITCHED', 'LASTED', 'FINISHED'])[:s::int], CASE WHEN :s1::int = 5 THEN 'IN_QC' ELSE 'IN_PRODUCTION' END) FROM changed, (SELECT uuidv7() AS e) g;
