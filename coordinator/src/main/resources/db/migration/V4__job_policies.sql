-- Issue 3: the run window, retries, run timeout and misfire bound of a job (JobSpec's optional fields).
-- One column per statement: the same script runs on H2 (MySQL mode) and MariaDB/MySQL.
ALTER TABLE jobs ADD COLUMN not_before DATETIME(3) NULL;
ALTER TABLE jobs ADD COLUMN not_after DATETIME(3) NULL;
ALTER TABLE jobs ADD COLUMN max_attempts INT NOT NULL DEFAULT 1;
ALTER TABLE jobs ADD COLUMN timeout_ms BIGINT NULL;
ALTER TABLE jobs ADD COLUMN misfire_limit INT NOT NULL DEFAULT 100;
