-- Records the consumer could not apply, as sent to the dead-letter topic: listed and redriven by operators.
create table dead_letter (
    id                bigint generated always as identity primary key,
    topic             varchar(120) not null,
    kafka_partition   integer      not null,
    kafka_offset      bigint       not null,
    record_key        text,
    payload           bytea,
    headers           jsonb        not null,
    reason            text         not null,
    consumer_group    varchar(120) not null,
    dead_lettered_at  timestamptz  not null,
    redriven_at       timestamptz,
    unique (topic, kafka_partition, kafka_offset)
);
