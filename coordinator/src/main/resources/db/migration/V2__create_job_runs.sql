-- One row per fire id: the execution history and the idempotency record for completions.
CREATE TABLE job_runs (
  fire_id         VARCHAR(200)  NOT NULL PRIMARY KEY,
  job_id          VARCHAR(128)  NOT NULL,
  attempt         INT           NOT NULL,
  scheduled_at    DATETIME(3)   NOT NULL,
  fired_at        DATETIME(3)   NULL,
  started_at      DATETIME(3)   NULL,
  finished_at     DATETIME(3)   NULL,
  worker_id       VARCHAR(128)  NULL,
  outcome         VARCHAR(16)   NULL,
  error           VARCHAR(1024) NULL,
  delivery_status INT           NULL
);
CREATE INDEX job_runs_job ON job_runs (job_id, scheduled_at);
