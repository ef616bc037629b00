-- Crawlify schema, version 5: per-name circuit breaker settings, and workflow templates.

-- Overrides of the circuit breaker defaults (crawlify.breakers.*), one row per breaker name; a null column
-- follows the default. Mirrored into Redis (crawlify:cb:{name}:config) for the workers' scripts, and re-seeded
-- from here when the orchestrator starts. The breakers' state lives in Redis only.
create table circuit_breaker_configs (
    name             text primary key,
    failure_ratio    double precision check (failure_ratio > 0 and failure_ratio <= 1),
    minimum_calls    integer check (minimum_calls >= 1),
    window_size      integer check (window_size >= 1),
    open_delay_ms    bigint check (open_delay_ms >= 0),
    half_open_probes integer check (half_open_probes >= 1),
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now()
);

-- Workflow definitions with [[ parameter ]] placeholders; instantiating one creates an ordinary workflow.
create table workflow_templates (
    id          uuid primary key,
    name        text        not null unique,
    description text,
    parameters  jsonb       not null default '[]'::jsonb,
    definition  jsonb       not null,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);
