-- Idempotency of the events the catalog consumes (QC verdicts from qc-events).
create table processed_event (
    event_id         uuid         primary key,
    topic            varchar(120) not null,
    kafka_partition  integer      not null,
    kafka_offset     bigint       not null,
    processed_at     timestamptz  not null
);
