-- One row per control command: the operator audit, and what a waiting API call polls.
CREATE TABLE job_commands (
  command_id    VARCHAR(64)   NOT NULL PRIMARY KEY,
  job_id        VARCHAR(128)  NOT NULL,
  kind          VARCHAR(16)   NOT NULL,
  requested_by  VARCHAR(128)  NOT NULL,
  requested_at  DATETIME(3)   NOT NULL,
  reason        VARCHAR(1024) NULL,
  applied_at    DATETIME(3)   NOT NULL,
  result        VARCHAR(16)   NOT NULL,
  result_reason VARCHAR(1024) NULL
);
CREATE INDEX job_commands_job ON job_commands (job_id, requested_at);
