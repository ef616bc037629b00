-- Crawlify schema, version 4: workflows run as DAGs of steps. One row per step of an execution, created with the
-- execution, and one row per attempt.

create table step_runs (
    execution_id uuid        not null references executions (id),
    step_id      text        not null,
    type         text        not null,
    status       text        not null,            -- pending, running, succeeded, failed, skipped, cancelled
    attempt      integer     not null default 0,  -- attempts started so far
    due_at       timestamptz,                     -- a pending retry is not dispatched before this
    output       jsonb,
    logs         text,
    error_kind   text,
    error        text,
    http_status  integer,
    started_at   timestamptz,                     -- start of the current (or last) attempt
    finished_at  timestamptz,
    primary key (execution_id, step_id)
);
create index step_runs_running_idx on step_runs (status) where status in ('pending', 'running');

create table step_attempts (
    execution_id uuid        not null references executions (id),
    step_id      text        not null,
    attempt      integer     not null,
    status       text        not null,            -- succeeded, failed
    started_at   timestamptz not null,
    finished_at  timestamptz not null,
    duration_ms  bigint      not null,
    error_kind   text,
    error        text,
    http_status  integer,
    primary key (execution_id, step_id, attempt)
);
