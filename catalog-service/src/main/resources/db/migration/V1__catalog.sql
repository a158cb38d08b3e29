-- Catalog schema: factories, sneaker models with their bill of materials and versioned QC profiles,
-- production batches with their stage history and material lots, and the transactional outbox.

create table factory (
    code        varchar(10)  primary key,
    name        varchar(120) not null,
    city        varchar(80)  not null,
    region      varchar(80)  not null,
    country     char(2)      not null,
    created_at  timestamptz  not null
);

create table sneaker_model (
    style_code  varchar(32)  primary key,
    name        varchar(120) not null,
    line        varchar(40)  not null,
    category    varchar(16)  not null check (category in ('RUNNING', 'LIFESTYLE', 'TRAIL', 'WALKING')),
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null,
    version     bigint       not null default 0
);

create table bom_line (
    style_code        varchar(32)  not null references sneaker_model (style_code) on delete cascade,
    line_no           integer      not null,
    component         varchar(16)  not null,
    material          varchar(120) not null,
    origin_country    char(2)      not null,
    unit_value_cents  bigint       not null check (unit_value_cents >= 0),
    primary key (style_code, line_no)
);

create table qc_profile_version (
    style_code        varchar(32)  not null references sneaker_model (style_code),
    version           integer      not null check (version >= 1),
    inspection_level  varchar(4)   not null,
    aql_major         numeric(6, 3) not null,
    aql_minor         numeric(6, 3) not null,
    tests             jsonb        not null,
    created_at        timestamptz  not null,
    primary key (style_code, version)
);

create table batch (
    id                    uuid         primary key,
    batch_number          varchar(32)  not null unique,
    style_code            varchar(32)  not null references sneaker_model (style_code),
    factory_code          varchar(10)  not null references factory (code),
    quantity              integer      not null check (quantity between 1 and 500000),
    status                varchar(16)  not null,
    stage                 varchar(20),
    label_status          varchar(16)  not null,
    label_policy          varchar(32)  not null,
    label_reason          text         not null,
    domestic_value_share  numeric(5, 4) not null,
    planned_at            timestamptz  not null,
    updated_at            timestamptz  not null,
    last_event_sequence   bigint       not null,
    version               bigint       not null default 0
);
create index batch_status_idx on batch (status, planned_at desc);
create index batch_factory_idx on batch (factory_code, planned_at desc);
create index batch_style_idx on batch (style_code, planned_at desc);
create index batch_planned_idx on batch (planned_at desc, id);

create table batch_material_lot (
    batch_id             uuid        not null references batch (id) on delete cascade,
    position             integer     not null,
    component            varchar(16) not null,
    supplier_lot_number  varchar(64) not null,
    primary key (batch_id, position)
);
-- The recall question: which batches used this supplier lot?
create index batch_material_lot_supplier_lot_idx on batch_material_lot (supplier_lot_number);

create table batch_stage (
    batch_id      uuid        not null references batch (id) on delete cascade,
    stage         varchar(20) not null,
    completed_at  timestamptz not null,
    sequence      bigint      not null,
    primary key (batch_id, stage)
);

-- Readable batch numbers: <factory>-<year>-<6 digits>, counted per factory and year.
create table batch_number_counter (
    factory_code  varchar(10) not null references factory (code),
    year          integer     not null,
    last_value    integer     not null,
    primary key (factory_code, year)
);

-- Transactional outbox: written in the same transaction as the change it describes; published by the relay;
-- kept afterwards as the catalog's event history (for replay).
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
