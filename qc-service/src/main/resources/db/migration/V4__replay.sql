-- Replay (rebuild of the QC read models from the event topics).

-- The read models are rebuilt as fresh tables and swapped in; foreign keys between them are not kept (the
-- events guarantee what they checked).
alter table inspection drop constraint inspection_batch_id_fkey;
alter table test_result drop constraint test_result_batch_id_fkey;
alter table test_result_audit drop constraint test_result_audit_batch_id_fkey;
alter table switching_state drop constraint switching_state_factory_code_line_fkey;

-- One row: the replay holding the service in maintenance (writes refused, consumer paused), if any.
create table qc_maintenance (
    id              integer     primary key check (id = 1),
    active_replay   uuid,
    heartbeat_at    timestamptz
);
insert into qc_maintenance (id) values (1);

-- Replays and their progress, readable from any instance.
create table replay_run (
    id               uuid         primary key,
    scope            varchar(10)  not null check (scope in ('ALL', 'BATCH')),
    batch_id         uuid,
    status           varchar(12)  not null check (status in ('RUNNING', 'SWITCHING', 'DONE', 'FAILED')),
    phase            text         not null,
    events_applied   bigint       not null default 0,
    events_total     bigint       not null default 0,
    started_at       timestamptz  not null,
    updated_at       timestamptz  not null,
    finished_at      timestamptz,
    error            text
);
