-- The index on signals (feature_hash) is dropped: no query of Pulse uses it, and every signal
-- insert paid for it (dropped in sqlite/0007_leaner_signal_writes.sql too, which also rewrites
-- SQLite's CHECK constraints; PostgreSQL keeps its IN lists, which it evaluates cheaply).

DROP INDEX signals_feature_hash;
