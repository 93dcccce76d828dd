-- `pulse run`: where a run has got to, and the manual controller commands it applies.
-- Keep tables and columns identical to postgres/0005_pipeline_runs.sql.
-- A run commits its rows and its checkpoint in one transaction, so after a crash the
-- checkpoint names the last bar close whose rows are all stored, and nothing after it is.

CREATE TABLE pipeline_runs (
  name               TEXT    PRIMARY KEY,
  -- Hash of the configuration and the data the run was started with; a restart with other
  -- settings or other data is refused instead of mixing two runs' rows.
  fingerprint        TEXT    NOT NULL,
  -- The highest signals.id before the run started: the run's signals are the ones above it.
  signals_before     INTEGER NOT NULL,
  first_close        INTEGER,
  checkpoint_close   INTEGER,
  bar_closes         INTEGER NOT NULL DEFAULT 0,
  bars               INTEGER NOT NULL DEFAULT 0,
  -- Hash of every bar processed up to the checkpoint: a restart on other data is refused.
  bars_hash          TEXT    NOT NULL DEFAULT '',
  finished           INTEGER NOT NULL DEFAULT 0 CHECK (finished IN (0, 1)),
  updated_at         INTEGER NOT NULL
);

-- pause / resume / emergency_stop requested from the command line; a running pipeline applies
-- each at its next bar close and records the simulated time it did (applied_close).
CREATE TABLE controller_commands (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  requested_at  INTEGER NOT NULL,
  command       TEXT    NOT NULL CHECK (command IN ('pause', 'resume', 'emergency_stop')),
  requested_by  TEXT    NOT NULL DEFAULT '',
  note          TEXT    NOT NULL DEFAULT '',
  acknowledge_red INTEGER NOT NULL DEFAULT 0 CHECK (acknowledge_red IN (0, 1)),
  run_name      TEXT,
  applied_close INTEGER
);
CREATE INDEX controller_commands_pending ON controller_commands (applied_close, id);
