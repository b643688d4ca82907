-- Jobs: the operator's intent (status) plus run telemetry. Written only by the status stream.
CREATE TABLE jobs (
  id                   VARCHAR(128)  NOT NULL PRIMARY KEY,
  schedule_kind        VARCHAR(8)    NOT NULL,
  schedule             VARCHAR(512)  NOT NULL,
  time_zone            VARCHAR(64)   NOT NULL,
  handler              VARCHAR(64)   NOT NULL,
  payload              MEDIUMTEXT    NOT NULL,
  max_errors           INT           NOT NULL,
  overlap_policy       VARCHAR(8)    NOT NULL,
  misfire_policy       VARCHAR(8)    NOT NULL,
  status               VARCHAR(16)   NOT NULL,
  generation           BIGINT        NOT NULL,
  next_fire_at         DATETIME(3)   NULL,
  last_fire_id         VARCHAR(200)  NULL,
  last_run_at          DATETIME(3)   NULL,
  last_run_status      VARCHAR(16)   NULL,
  run_count            BIGINT        NOT NULL DEFAULT 0,
  consecutive_errors   INT           NOT NULL DEFAULT 0,
  last_delivery_status INT           NULL,
  last_error           VARCHAR(1024) NULL,
  created_at           DATETIME(3)   NOT NULL,
  updated_at           DATETIME(3)   NOT NULL
);
CREATE INDEX jobs_status ON jobs (status);
