-- QC service schema baseline. The QC read models (inspections, sampling plans, test results, verdicts)
-- and the service's outbox are added by the migrations that introduce them.
create table service_info (
    name        varchar(40) primary key,
    created_at  timestamptz not null default now()
);
insert into service_info (name) values ('qc-service');
