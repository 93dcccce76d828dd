-- Results by the time they were last written: the performance snapshots read the outcomes
-- written since their previous read, which without this index scanned every result.
-- Keep identical to postgres/0006_results_by_update.sql.

CREATE INDEX signal_results_updated ON signal_results (updated_at);
