-- Identity across delete and re-create: each creation of a job id is a new incarnation (1 for the first). Fires
-- carry it, so a completion of an old incarnation's fire updates its own job_runs row only.
ALTER TABLE jobs ADD COLUMN incarnation BIGINT NOT NULL DEFAULT 1;
