-- Every trigger sync looks for schedule ticks claimed but never started (see ScheduleTriggers.startUnstarted).
-- trigger_firings keeps a row per tick; only the few without an execution are indexed.
create index trigger_firings_unstarted_idx on trigger_firings (fire_time) where execution_id is null;
