-- Issue 11: run history retention deletes finished runs by age, oldest first, in small batches.
CREATE INDEX job_runs_finished ON job_runs (finished_at);
