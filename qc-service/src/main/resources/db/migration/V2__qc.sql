-- QC schema: batches known from production events, inspections with their profile snapshot and plans,
-- test results with their audit trail, switching streams, idempotency of consumed events, and the outbox.

drop table service_info;

-- A batch as QC knows it from BatchPlanned (and later production events).
create table qc_batch (
    batch_id             uuid         primary key,
    batch_number         varchar(32)  not null,
    style_code           varchar(32)  not null,
    factory_code         varchar(10)  not null,
    line                 varchar(40)  not null,
    quantity             integer      not null check (quantity >= 1),
    stage                varchar(20),
    -- sequence of the last production event applied for this batch
    last_production_sequence bigint   not null,
    planned_at           timestamptz  not null,
    updated_at           timestamptz  not null
);

-- The inspection of a finished batch.
create table inspection (
    batch_id                 uuid         primary key references qc_batch (batch_id),
    status                   varchar(20)  not null
        check (status in ('AWAITING_PROFILE', 'ON_HOLD', 'OPEN', 'ACCEPTED', 'REJECTED')),
    -- snapshot of the QC profile version used and the plans drawn from it (null until open)
    profile                  jsonb,
    plans                    jsonb,
    sample_pairs             integer,
    verdict                  varchar(10),
    awaiting_reason          text,
    profile_attempts         integer      not null default 0,
    next_profile_attempt_at  timestamptz,
    finished_at              timestamptz  not null,
    opened_at                timestamptz,
    decided_at               timestamptz,
    -- sequence of the last qc event of this batch
    last_event_sequence      bigint       not null default 0,
    version                  bigint       not null default 0
);
create index inspection_status_idx on inspection (status, finished_at);

-- The current result of each test on each sample pair.
create table test_result (
    batch_id      uuid          not null references inspection (batch_id),
    sample_unit   integer       not null check (sample_unit >= 1),
    method        varchar(32)   not null,
    defect_class  varchar(10)   not null,
    value         numeric       not null,
    passed        boolean       not null,
    technician    varchar(80)   not null,
    equipment_id  varchar(80)   not null,
    recorded_at   timestamptz   not null,
    corrections   integer       not null default 0,
    primary key (batch_id, sample_unit, method)
);

-- Every recording, corrections included: who recorded what, when, and why it was corrected.
create table test_result_audit (
    id              bigint generated always as identity primary key,
    batch_id        uuid          not null references inspection (batch_id),
    sample_unit     integer       not null,
    method          varchar(32)   not null,
    value           numeric       not null,
    passed          boolean       not null,
    technician      varchar(80)   not null,
    equipment_id    varchar(80)   not null,
    recorded_at     timestamptz   not null,
    correction      boolean       not null,
    reason          text,
    replaced_value  numeric
);
create index test_result_audit_batch_idx on test_result_audit (batch_id, id);

-- A stream of lots (factory and model line): the aggregate of switching events.
create table switching_stream (
    factory_code         varchar(10)  not null,
    line                 varchar(40)  not null,
    last_event_sequence  bigint       not null default 0,
    primary key (factory_code, line)
);

-- Z1.4 switching state of one defect class of a stream.
create table switching_state (
    factory_code                    varchar(10)  not null,
    line                            varchar(40)  not null,
    defect_class                    varchar(10)  not null check (defect_class in ('MAJOR', 'MINOR')),
    severity                        varchar(10)  not null check (severity in ('NORMAL', 'TIGHTENED', 'REDUCED')),
    -- outcomes (A accepted, N not accepted) of the last lots on normal inspection, newest last, at most 5
    recent_on_normal                varchar(5)   not null default '',
    consecutive_accepted            integer      not null default 0,
    not_accepted_on_tightened       integer      not null default 0,
    discontinued                    boolean      not null default false,
    updated_at                      timestamptz  not null,
    primary key (factory_code, line, defect_class),
    foreign key (factory_code, line) references switching_stream (factory_code, line)
);

-- The lots judged in each stream and class, for the stream's recent history.
create table stream_lot (
    id             bigint generated always as identity primary key,
    factory_code   varchar(10)  not null,
    line           varchar(40)  not null,
    defect_class   varchar(10)  not null,
    batch_id       uuid         not null,
    batch_number   varchar(32)  not null,
    severity       varchar(10)  not null,
    accepted       boolean      not null,
    nonconforming  integer      not null,
    decided_at     timestamptz  not null
);
create index stream_lot_stream_idx on stream_lot (factory_code, line, id desc);

create table corrective_action (
    id            bigint generated always as identity primary key,
    factory_code  varchar(10)  not null,
    line          varchar(40)  not null,
    description   text         not null,
    recorded_by   varchar(80)  not null,
    recorded_at   timestamptz  not null
);

-- Idempotency of consumed events.
create table processed_event (
    event_id         uuid         primary key,
    topic            varchar(120) not null,
    kafka_partition  integer      not null,
    kafka_offset     bigint       not null,
    processed_at     timestamptz  not null
);

-- Transactional outbox of qc-events, kept as the QC event history.
create table outbox_event (
    position            bigint generated always as identity primary key,
    event_id            uuid        not null unique,
    topic               varchar(120) not null,
    aggregate_id        varchar(64) not null,
    aggregate_sequence  bigint      not null,
    event_type          varchar(64) not null,
    schema_version      integer     not null,
    occurred_at         timestamptz not null,
    payload             text        not null,
    published_at        timestamptz,
    publish_attempts    integer     not null default 0,
    last_error          text,
    unique (aggregate_id, aggregate_sequence)
);
create index outbox_event_pending_idx on outbox_event (position) where published_at is null;
create index outbox_event_occurred_idx on outbox_event (occurred_at);
