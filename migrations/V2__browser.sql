-- Crawlify schema, version 2: the browser renderer. Files produced by tasks (screenshots), the artifacts each
-- task produced, and page counts per renderer.

create table artifacts (
    id           uuid primary key,
    execution_id uuid        not null references executions (id),
    task_id      text        not null,
    name         text        not null,
    content_type text        not null,
    size_bytes   integer     not null,
    data         bytea       not null,
    created_at   timestamptz not null default now()
);
create index artifacts_execution_idx on artifacts (execution_id);

-- [{"id", "name", "contentType", "bytes", "path"}], written with the run record.
alter table task_runs add column artifacts jsonb not null default '[]'::jsonb;

alter table executions add column pages_http bigint not null default 0;
alter table executions add column pages_browser bigint not null default 0;
