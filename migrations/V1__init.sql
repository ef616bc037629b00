-- Crawlify schema, version 1: workflows and their immutable versions, executions, task runs, items,
-- and messages that could not be processed.

create table workflows (
    id              uuid primary key,
    name            text        not null,
    description     text,
    current_version integer     not null,
    status          text        not null default 'active',
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    deleted_at      timestamptz
);
create index workflows_live_idx on workflows (created_at desc) where deleted_at is null;

create table workflow_versions (
    id          uuid primary key,
    workflow_id uuid        not null references workflows (id),
    version     integer     not null,
    definition  jsonb       not null,
    created_at  timestamptz not null default now(),
    unique (workflow_id, version)
);

create table executions (
    id               uuid primary key,
    workflow_id      uuid        not null references workflows (id),
    workflow_version integer     not null,
    status           text        not null,
    trigger_type     text        not null default 'manual',
    input            jsonb,
    tasks_enqueued   bigint      not null default 0,
    tasks_completed  bigint      not null default 0,
    tasks_failed     bigint      not null default 0,
    pages_crawled    bigint      not null default 0,
    items_extracted  bigint      not null default 0,
    bytes_downloaded bigint      not null default 0,
    error            text,
    created_at       timestamptz not null default now(),
    started_at       timestamptz,
    finished_at      timestamptz
);
create index executions_workflow_idx on executions (workflow_id, created_at desc);
create index executions_active_idx on executions (status) where status in ('pending', 'running');

-- One row per task (page); the latest attempt's outcome. Written by workers.
create table task_runs (
    task_id      text primary key,
    execution_id uuid        not null references executions (id),
    step_id      text        not null,
    phase_id     text,
    url          text        not null,
    depth        integer     not null,
    marker       text,
    status       text        not null,
    http_status  integer,
    bytes        bigint      not null default 0,
    items        integer     not null default 0,
    links        integer     not null default 0,
    attempt      integer     not null default 1,
    duration_ms  bigint,
    error_kind   text,
    error        text,
    renderer     text,
    finished_at  timestamptz not null default now()
);
create index task_runs_execution_idx on task_runs (execution_id, status);

-- Extracted records, keyed by (task, index) so a redelivered task never duplicates them.
create table items (
    seq          bigint generated always as identity,
    execution_id uuid        not null references executions (id),
    task_id      text        not null,
    idx          integer     not null,
    step_id      text        not null,
    phase        text,
    url          text        not null,
    data         jsonb       not null,
    created_at   timestamptz not null default now(),
    primary key (task_id, idx)
);
create index items_execution_idx on items (execution_id, seq);

create table poison_messages (
    id           bigint generated always as identity primary key,
    subscription text        not null,
    message_id   text        not null,
    data         text,
    attributes   jsonb,
    reason       text,
    received_at  timestamptz not null default now(),
    unique (subscription, message_id)
);
