-- 0004 declared signal_results.pnl_percent_net and fees_quote REAL, which PostgreSQL stores in
-- 4 bytes (about 7 significant digits) while SQLite's REAL is 8 bytes: the P&L after fees read
-- back from PostgreSQL was not the one written. DOUBLE PRECISION, as every other number column.
-- Values stored before keep the digits they were rounded to.
-- Keep the columns identical to sqlite/0009_double_precision_pnl.sql (no change there).

ALTER TABLE signal_results
  ALTER COLUMN pnl_percent_net TYPE DOUBLE PRECISION,
  ALTER COLUMN fees_quote TYPE DOUBLE PRECISION;
