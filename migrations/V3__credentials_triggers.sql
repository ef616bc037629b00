-- Crawlify schema, version 3: encrypted credentials, and the claims that make each trigger firing start exactly
-- one execution however many orchestrators see it.

-- Values are AES-256-GCM ciphertexts (the credential's name is the associated data); key_id names the key that
-- sealed them. fields lists the names of an object value's fields (metadata the API shows); empty for a string.
-- A deleted credential keeps its row for audit, without its ciphertext, and frees its name.
create table credentials (
    id          uuid primary key,
    name        text        not null,
    type        text        not null,
    description text,
    fields      text[]      not null default '{}',
    ciphertext  bytea       not null,
    nonce       bytea       not null,
    key_id      text        not null,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    deleted_at  timestamptz
);
create unique index credentials_live_name_idx on credentials (name) where deleted_at is null;

-- A schedule tick, claimed by the first orchestrator that inserts it (ON CONFLICT DO NOTHING): only that one
-- starts the execution. trigger_key is the trigger's path in the definition (triggers[0]); fire_time the tick's
-- scheduled time, truncated to the second.
create table trigger_firings (
    workflow_id  uuid        not null references workflows (id),
    trigger_key  text        not null,
    fire_time    timestamptz not null,
    instance     text        not null,
    execution_id uuid,
    claimed_at   timestamptz not null default now(),
    primary key (workflow_id, trigger_key, fire_time)
);

-- A Pub/Sub message that started (or is starting) an execution: a redelivered message finds its claim and
-- starts nothing.
create table trigger_deliveries (
    subscription text        not null,
    message_id   text        not null,
    workflow_id  uuid        not null references workflows (id),
    trigger_key  text        not null,
    execution_id uuid,
    received_at  timestamptz not null default now(),
    primary key (subscription, message_id)
);
