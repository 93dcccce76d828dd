-- Initial Pulse schema (SQLite). Timestamps are INTEGER Unix nanoseconds, UTC; booleans 0/1.
-- Keep tables and columns identical to postgres/0001_initial.sql.

CREATE TABLE ohlcv (
  exchange   TEXT    NOT NULL,
  symbol     TEXT    NOT NULL,
  timeframe  TEXT    NOT NULL,
  open_time  INTEGER NOT NULL,
  open       REAL    NOT NULL,
  high       REAL    NOT NULL,
  low        REAL    NOT NULL,
  close      REAL    NOT NULL,
  volume     REAL    NOT NULL,
  PRIMARY KEY (exchange, symbol, timeframe, open_time)
) WITHOUT ROWID;

CREATE TABLE signals (
  id                INTEGER PRIMARY KEY AUTOINCREMENT,
  symbol            TEXT    NOT NULL,
  exchange          TEXT    NOT NULL,
  timeframe         TEXT    NOT NULL,
  direction         TEXT    NOT NULL CHECK (direction IN ('long', 'short')),
  entry_price       REAL    NOT NULL,
  stop_loss         REAL    NOT NULL,
  take_profit       REAL    NOT NULL,
  confidence        REAL,
  size              REAL,
  source            TEXT    NOT NULL,
  source_kind       TEXT    NOT NULL CHECK (source_kind IN ('manual', 'theory', 'model', 'ensemble')),
  status            TEXT    NOT NULL CHECK (status IN ('pending', 'open', 'closed', 'rejected')),
  created_at        INTEGER NOT NULL,
  notes             TEXT    NOT NULL DEFAULT '',
  model_version     TEXT,
  feature_hash      TEXT,
  rejection_reasons TEXT
);
CREATE INDEX signals_status ON signals (status);
CREATE INDEX signals_symbol_created ON signals (symbol, created_at);
CREATE INDEX signals_created ON signals (created_at);

CREATE TABLE signal_results (
  id                    INTEGER PRIMARY KEY AUTOINCREMENT,
  signal_id             INTEGER NOT NULL UNIQUE REFERENCES signals (id) ON DELETE CASCADE,
  entry_price           REAL    NOT NULL,
  entry_timestamp       INTEGER NOT NULL,
  exit_price            REAL,
  exit_timestamp        INTEGER,
  pnl_percent           REAL,
  pnl_usd               REAL,
  pnl_quote_total       REAL,
  outcome               TEXT    NOT NULL CHECK (outcome IN ('win', 'loss', 'breakeven', 'open')),
  exit_reason           TEXT    NOT NULL DEFAULT '',
  hold_duration_minutes REAL,
  mfe_percent           REAL,
  mae_percent           REAL,
  created_at            INTEGER NOT NULL,
  updated_at            INTEGER NOT NULL
);
CREATE INDEX signal_results_exit ON signal_results (exit_timestamp);

CREATE TABLE theory_performance (
  id                 INTEGER PRIMARY KEY AUTOINCREMENT,
  theory_name        TEXT    NOT NULL,
  signal_id          INTEGER NOT NULL REFERENCES signals (id) ON DELETE CASCADE,
  contribution_score REAL    NOT NULL,
  was_correct        INTEGER CHECK (was_correct IN (0, 1)),
  source_kind        TEXT    NOT NULL CHECK (source_kind IN ('manual', 'theory', 'model', 'ensemble')),
  created_at         INTEGER NOT NULL
);
CREATE INDEX theory_performance_signal ON theory_performance (signal_id);
CREATE INDEX theory_performance_theory ON theory_performance (theory_name, created_at);

CREATE TABLE trades (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  signal_id    INTEGER REFERENCES signals (id),
  symbol       TEXT    NOT NULL,
  exchange     TEXT    NOT NULL,
  side         TEXT    NOT NULL CHECK (side IN ('buy', 'sell')),
  price        REAL    NOT NULL,
  quantity     REAL    NOT NULL,
  fee          REAL    NOT NULL DEFAULT 0,
  fee_currency TEXT    NOT NULL DEFAULT '',
  liquidity    TEXT    NOT NULL DEFAULT '',
  executed_at  INTEGER NOT NULL,
  mode         TEXT    NOT NULL CHECK (mode IN ('paper', 'live', 'backtest'))
);
CREATE INDEX trades_executed ON trades (executed_at);
CREATE INDEX trades_signal ON trades (signal_id);

CREATE TABLE positions (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  symbol          TEXT    NOT NULL,
  exchange        TEXT    NOT NULL,
  direction       TEXT    NOT NULL CHECK (direction IN ('long', 'short')),
  quantity        REAL    NOT NULL,
  avg_entry_price REAL    NOT NULL,
  realized_pnl    REAL    NOT NULL DEFAULT 0,
  unrealized_pnl  REAL    NOT NULL DEFAULT 0,
  stop_loss       REAL,
  take_profit     REAL,
  opened_at       INTEGER NOT NULL,
  closed_at       INTEGER,
  status          TEXT    NOT NULL CHECK (status IN ('open', 'closed')),
  signal_id       INTEGER REFERENCES signals (id)
);
CREATE INDEX positions_status ON positions (status);

CREATE TABLE performance_snapshots (
  id       INTEGER PRIMARY KEY AUTOINCREMENT,
  taken_at INTEGER NOT NULL,
  scope    TEXT    NOT NULL,
  "window" TEXT    NOT NULL,
  metrics  TEXT    NOT NULL
);
CREATE INDEX performance_snapshots_scope ON performance_snapshots (scope, taken_at);

CREATE TABLE controller_status (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  changed_at     INTEGER NOT NULL,
  state          TEXT    NOT NULL CHECK (state IN ('green', 'yellow', 'red', 'paused', 'stopped')),
  previous_state TEXT CHECK (previous_state IN ('green', 'yellow', 'red', 'paused', 'stopped')),
  reasons        TEXT    NOT NULL DEFAULT '[]'
);
CREATE INDEX controller_status_changed ON controller_status (changed_at);

CREATE TABLE alerts (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  created_at INTEGER NOT NULL,
  priority   TEXT    NOT NULL,
  kind       TEXT    NOT NULL,
  dedup_key  TEXT    NOT NULL DEFAULT '',
  title      TEXT    NOT NULL,
  body       TEXT    NOT NULL DEFAULT '',
  channel    TEXT    NOT NULL,
  status     TEXT    NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'suppressed')),
  attempts   INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  sent_at    INTEGER
);
CREATE INDEX alerts_status ON alerts (status, created_at);
CREATE INDEX alerts_dedup ON alerts (dedup_key, created_at);

CREATE TABLE health_checks (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  checked_at INTEGER NOT NULL,
  component  TEXT    NOT NULL,
  status     TEXT    NOT NULL,
  latency_ms REAL,
  detail     TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX health_checks_component ON health_checks (component, checked_at);
