-- Initial Pulse schema (PostgreSQL). Timestamps are BIGINT Unix nanoseconds, UTC; booleans 0/1 (SMALLINT).
-- Keep tables and columns identical to sqlite/0001_initial.sql.

CREATE TABLE ohlcv (
  exchange   TEXT    NOT NULL,
  symbol     TEXT    NOT NULL,
  timeframe  TEXT    NOT NULL,
  open_time  BIGINT NOT NULL,
  open       DOUBLE PRECISION    NOT NULL,
  high       DOUBLE PRECISION    NOT NULL,
  low        DOUBLE PRECISION    NOT NULL,
  close      DOUBLE PRECISION    NOT NULL,
  volume     DOUBLE PRECISION    NOT NULL,
  PRIMARY KEY (exchange, symbol, timeframe, open_time)
);

CREATE TABLE signals (
  id                BIGSERIAL PRIMARY KEY,
  symbol            TEXT    NOT NULL,
  exchange          TEXT    NOT NULL,
  timeframe         TEXT    NOT NULL,
  direction         TEXT    NOT NULL CHECK (direction IN ('long', 'short')),
  entry_price       DOUBLE PRECISION    NOT NULL,
  stop_loss         DOUBLE PRECISION    NOT NULL,
  take_profit       DOUBLE PRECISION    NOT NULL,
  confidence        DOUBLE PRECISION,
  size              DOUBLE PRECISION,
  source            TEXT    NOT NULL,
  source_kind       TEXT    NOT NULL CHECK (source_kind IN ('manual', 'theory', 'model', 'ensemble')),
  status            TEXT    NOT NULL CHECK (status IN ('pending', 'open', 'closed', 'rejected')),
  created_at        BIGINT NOT NULL,
  notes             TEXT    NOT NULL DEFAULT '',
  model_version     TEXT,
  feature_hash      TEXT,
  rejection_reasons TEXT
);
CREATE INDEX signals_status ON signals (status);
CREATE INDEX signals_symbol_created ON signals (symbol, created_at);
CREATE INDEX signals_created ON signals (created_at);

CREATE TABLE signal_results (
  id                    BIGSERIAL PRIMARY KEY,
  signal_id             BIGINT NOT NULL UNIQUE REFERENCES signals (id) ON DELETE CASCADE,
  entry_price           DOUBLE PRECISION    NOT NULL,
  entry_timestamp       BIGINT NOT NULL,
  exit_price            DOUBLE PRECISION,
  exit_timestamp        BIGINT,
  pnl_percent           DOUBLE PRECISION,
  pnl_usd               DOUBLE PRECISION,
  pnl_quote_total       DOUBLE PRECISION,
  outcome               TEXT    NOT NULL CHECK (outcome IN ('win', 'loss', 'breakeven', 'open')),
  exit_reason           TEXT    NOT NULL DEFAULT '',
  hold_duration_minutes DOUBLE PRECISION,
  mfe_percent           DOUBLE PRECISION,
  mae_percent           DOUBLE PRECISION,
  created_at            BIGINT NOT NULL,
  updated_at            BIGINT NOT NULL
);
CREATE INDEX signal_results_exit ON signal_results (exit_timestamp);

CREATE TABLE theory_performance (
  id                 BIGSERIAL PRIMARY KEY,
  theory_name        TEXT    NOT NULL,
  signal_id          BIGINT NOT NULL REFERENCES signals (id) ON DELETE CASCADE,
  contribution_score DOUBLE PRECISION    NOT NULL,
  was_correct        SMALLINT CHECK (was_correct IN (0, 1)),
  source_kind        TEXT    NOT NULL CHECK (source_kind IN ('manual', 'theory', 'model', 'ensemble')),
  created_at         BIGINT NOT NULL
);
CREATE INDEX theory_performance_signal ON theory_performance (signal_id);
CREATE INDEX theory_performance_theory ON theory_performance (theory_name, created_at);

CREATE TABLE trades (
  id           BIGSERIAL PRIMARY KEY,
  signal_id    BIGINT REFERENCES signals (id),
  symbol       TEXT    NOT NULL,
  exchange     TEXT    NOT NULL,
  side         TEXT    NOT NULL CHECK (side IN ('buy', 'sell')),
  price        DOUBLE PRECISION    NOT NULL,
  quantity     DOUBLE PRECISION    NOT NULL,
  fee          DOUBLE PRECISION    NOT NULL DEFAULT 0,
  fee_currency TEXT    NOT NULL DEFAULT '',
  liquidity    TEXT    NOT NULL DEFAULT '',
  executed_at  BIGINT NOT NULL,
  mode         TEXT    NOT NULL CHECK (mode IN ('paper', 'live', 'backtest'))
);
CREATE INDEX trades_executed ON trades (executed_at);
CREATE INDEX trades_signal ON trades (signal_id);

CREATE TABLE positions (
  id              BIGSERIAL PRIMARY KEY,
  symbol          TEXT    NOT NULL,
  exchange        TEXT    NOT NULL,
  direction       TEXT    NOT NULL CHECK (direction IN ('long', 'short')),
  quantity        DOUBLE PRECISION    NOT NULL,
  avg_entry_price DOUBLE PRECISION    NOT NULL,
  realized_pnl    DOUBLE PRECISION    NOT NULL DEFAULT 0,
  unrealized_pnl  DOUBLE PRECISION    NOT NULL DEFAULT 0,
  stop_loss       DOUBLE PRECISION,
  take_profit     DOUBLE PRECISION,
  opened_at       BIGINT NOT NULL,
  closed_at       BIGINT,
  status          TEXT    NOT NULL CHECK (status IN ('open', 'closed')),
  signal_id       BIGINT REFERENCES signals (id)
);
CREATE INDEX positions_status ON positions (status);

CREATE TABLE performance_snapshots (
  id       BIGSERIAL PRIMARY KEY,
  taken_at BIGINT NOT NULL,
  scope    TEXT    NOT NULL,
  "window" TEXT    NOT NULL,
  metrics  TEXT    NOT NULL
);
CREATE INDEX performance_snapshots_scope ON performance_snapshots (scope, taken_at);

CREATE TABLE controller_status (
  id             BIGSERIAL PRIMARY KEY,
  changed_at     BIGINT NOT NULL,
  state          TEXT    NOT NULL CHECK (state IN ('green', 'yellow', 'red', 'paused', 'stopped')),
  previous_state TEXT CHECK (previous_state IN ('green', 'yellow', 'red', 'paused', 'stopped')),
  reasons        TEXT    NOT NULL DEFAULT '[]'
);
CREATE INDEX controller_status_changed ON controller_status (changed_at);

CREATE TABLE alerts (
  id         BIGSERIAL PRIMARY KEY,
  created_at BIGINT NOT NULL,
  priority   TEXT    NOT NULL,
  kind       TEXT    NOT NULL,
  dedup_key  TEXT    NOT NULL DEFAULT '',
  title      TEXT    NOT NULL,
  body       TEXT    NOT NULL DEFAULT '',
  channel    TEXT    NOT NULL,
  status     TEXT    NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'suppressed')),
  attempts   BIGINT NOT NULL DEFAULT 0,
  last_error TEXT,
  sent_at    BIGINT
);
CREATE INDEX alerts_status ON alerts (status, created_at);
CREATE INDEX alerts_dedup ON alerts (dedup_key, created_at);

CREATE TABLE health_checks (
  id         BIGSERIAL PRIMARY KEY,
  checked_at BIGINT NOT NULL,
  component  TEXT    NOT NULL,
  status     TEXT    NOT NULL,
  latency_ms DOUBLE PRECISION,
  detail     TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX health_checks_component ON health_checks (component, checked_at);
