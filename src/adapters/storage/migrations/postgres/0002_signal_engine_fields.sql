-- What the signal engine records with each signal (and each rejected candidate).
-- Keep identical to sqlite/0002_signal_engine_fields.sql.

ALTER TABLE signals ADD COLUMN prediction DOUBLE PRECISION;
ALTER TABLE signals ADD COLUMN classification TEXT
  CHECK (classification IN ('strong_buy', 'buy', 'hold', 'sell', 'strong_sell'));
ALTER TABLE signals ADD COLUMN trailing_activation_pct DOUBLE PRECISION;
ALTER TABLE signals ADD COLUMN trailing_pct DOUBLE PRECISION;
ALTER TABLE signals ADD COLUMN max_hold_minutes BIGINT;
-- JSON array of every quality gate's verdict: [{"gate", "value", "threshold", "passed", "reason"}].
ALTER TABLE signals ADD COLUMN gate_checks TEXT NOT NULL DEFAULT '[]';
CREATE INDEX signals_feature_hash ON signals (feature_hash);
