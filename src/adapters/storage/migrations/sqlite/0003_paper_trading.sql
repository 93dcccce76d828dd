-- Paper trading: what fills and positions record beyond 0001, and the account a paper (or
-- backtest) engine continues from after a restart.
-- Keep tables and columns identical to postgres/0003_paper_trading.sql.
-- Cash is stored, not derived from trades, so a restart reads one row; every fill writes the
-- trade, the position and the account in one transaction, so the three never disagree.

CREATE TABLE trading_accounts (
  name             TEXT    PRIMARY KEY,
  mode             TEXT    NOT NULL CHECK (mode IN ('paper', 'live', 'backtest')),
  starting_balance REAL    NOT NULL CHECK (starting_balance > 0),
  cash             REAL    NOT NULL,
  realized_pnl     REAL    NOT NULL DEFAULT 0,
  fees_paid        REAL    NOT NULL DEFAULT 0,
  next_position_id INTEGER NOT NULL DEFAULT 1,
  updated_at       INTEGER NOT NULL
);

-- The account and its own position number (positions.id stays the store's key).
ALTER TABLE positions ADD COLUMN account TEXT NOT NULL DEFAULT '';
ALTER TABLE positions ADD COLUMN position_no INTEGER;
ALTER TABLE positions ADD COLUMN mode TEXT NOT NULL DEFAULT 'paper'
  CHECK (mode IN ('paper', 'live', 'backtest'));
ALTER TABLE positions ADD COLUMN fees REAL NOT NULL DEFAULT 0;
ALTER TABLE positions ADD COLUMN exit_price REAL;
ALTER TABLE positions ADD COLUMN exit_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE positions ADD COLUMN mark_price REAL;
ALTER TABLE positions ADD COLUMN trailing_activation_pct REAL;
ALTER TABLE positions ADD COLUMN trailing_pct REAL;
ALTER TABLE positions ADD COLUMN trailing_armed INTEGER NOT NULL DEFAULT 0
  CHECK (trailing_armed IN (0, 1));
ALTER TABLE positions ADD COLUMN trailing_best_price REAL;
ALTER TABLE positions ADD COLUMN max_hold_minutes INTEGER;
ALTER TABLE positions ADD COLUMN updated_at INTEGER;
CREATE UNIQUE INDEX positions_account_no ON positions (account, position_no);

-- What the signal expected, what the market offered, what the fill got; why; which position.
ALTER TABLE trades ADD COLUMN account TEXT NOT NULL DEFAULT '';
ALTER TABLE trades ADD COLUMN position_id INTEGER REFERENCES positions (id);
ALTER TABLE trades ADD COLUMN expected_price REAL;
ALTER TABLE trades ADD COLUMN reference_price REAL;
ALTER TABLE trades ADD COLUMN slippage REAL;
ALTER TABLE trades ADD COLUMN slippage_bps REAL;
ALTER TABLE trades ADD COLUMN reason TEXT NOT NULL DEFAULT '';
CREATE INDEX trades_account_executed ON trades (account, executed_at);
CREATE INDEX trades_position ON trades (position_id);
