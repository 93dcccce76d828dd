-- theory_performance (theory_name, created_at) served no query: every read of the
-- contributions goes by signal_id (theory_performance_signal). Each contribution row paid for
-- it on insert, about a sixth of the b-tree work of storing a rejected candidate.
-- Keep identical to postgres/0008_no_contribution_theory_index.sql.

DROP INDEX theory_performance_theory;
