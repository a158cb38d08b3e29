-- Republishing the stored event history (the outbox) to Kafka, and each run's progress.
create table republish_run (
    id              uuid         primary key,
    from_sequence   bigint,
    from_time       timestamptz,
    aggregate_id    varchar(64),
    status          varchar(10)  not null check (status in ('RUNNING', 'DONE', 'FAILED')),
    events_sent     bigint       not null default 0,
    events_total    bigint       not null default 0,
    started_at      timestamptz  not null,
    updated_at      timestamptz  not null,
    finished_at     timestamptz,
    error           text
);
create index outbox_event_aggregate_idx on outbox_event (aggregate_id, aggregate_sequence);
