-- What the outcome tracker records with each result: P&L after fees, the fees, and how a bar
-- that touched both stop-loss and take-profit was decided.
-- Keep identical to sqlite/0004_outcome_tracking.sql.

ALTER TABLE signal_results ADD COLUMN pnl_percent_net REAL;
ALTER TABLE signal_results ADD COLUMN fees_quote REAL;
ALTER TABLE signal_results ADD COLUMN exit_resolution TEXT NOT NULL DEFAULT '';
