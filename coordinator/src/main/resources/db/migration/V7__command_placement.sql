-- Where the status stream applied a command among the run history of its partition: the first offsets of fires and
-- runs it had not read yet (NULL: no position). Written in the command's own transaction, so a batch applied again
-- after a crash publishes the place the database saw, not where the new reader happens to be (topic 'applied').
ALTER TABLE job_commands ADD COLUMN fires_offset BIGINT NULL;
ALTER TABLE job_commands ADD COLUMN runs_offset BIGINT NULL;
