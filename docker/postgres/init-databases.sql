-- One database and one login role per service, each role owning its database (and so its public schema, in
-- PostgreSQL 15 and later). The names and passwords are the services' defaults in application.properties.
--
-- The postgres image runs this once, as the superuser, when it initialises an empty data directory (compose
-- mounts it into /docker-entrypoint-initdb.d/). It does not run again while the postgres-data volume exists:
-- after editing it, recreate the volume with `docker compose down -v`.

CREATE ROLE catalog LOGIN PASSWORD 'catalog';
CREATE DATABASE catalog OWNER catalog;

CREATE ROLE qc LOGIN PASSWORD 'qc';
CREATE DATABASE qc OWNER qc;
