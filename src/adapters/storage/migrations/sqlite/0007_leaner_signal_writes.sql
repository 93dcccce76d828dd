-- CHECK constraints that listed three or more values (`status IN ('pending', 'open', ...)`)
-- become chains of comparisons (`status = 'pending' OR status = 'open' OR ...`), which accept
-- and reject exactly the same values. SQLite evaluates an IN list of more than two values by
-- building a temporary b-tree of the list every time a statement checks the constraint: three
-- of them on every signal insert, one on every result, contribution and status write. That
-- was a fifth of the instructions of a replay with a store. The comparisons cost a few
-- instructions. Existing rows are unchanged and still satisfy the constraints, so the table
-- definitions are edited in place (SQLite's documented procedure for constraint changes that do
-- not touch the stored rows) instead of copying every table; the RESET reloads the definitions
-- at once. PostgreSQL evaluates IN lists without such a cost and keeps them.
--
-- Also dropped: the index on signals (feature_hash), which no query of Pulse uses and which every
-- signal insert paid for (dropped in postgres/0007_leaner_signal_writes.sql too). Its DDL also
-- tells other open connections that the schema changed.

PRAGMA writable_schema = ON;

UPDATE sqlite_schema SET sql = replace(replace(replace(replace(replace(replace(replace(replace(replace(sql,
    '(classification IN (''strong_buy'', ''buy'', ''hold'', ''sell'', ''strong_sell''))',
    '(classification = ''strong_buy'' OR classification = ''buy'' OR classification = ''hold'' OR classification = ''sell'' OR classification = ''strong_sell'')'),
    '(command IN (''pause'', ''resume'', ''emergency_stop''))',
    '(command = ''pause'' OR command = ''resume'' OR command = ''emergency_stop'')'),
    '(mode IN (''paper'', ''live'', ''backtest''))',
    '(mode = ''paper'' OR mode = ''live'' OR mode = ''backtest'')'),
    '(outcome IN (''win'', ''loss'', ''breakeven'', ''open''))',
    '(outcome = ''win'' OR outcome = ''loss'' OR outcome = ''breakeven'' OR outcome = ''open'')'),
    '(previous_state IN (''green'', ''yellow'', ''red'', ''paused'', ''stopped''))',
    '(previous_state = ''green'' OR previous_state = ''yellow'' OR previous_state = ''red'' OR previous_state = ''paused'' OR previous_state = ''stopped'')'),
    '(source_kind IN (''manual'', ''theory'', ''model'', ''ensemble''))',
    '(source_kind = ''manual'' OR source_kind = ''theory'' OR source_kind = ''model'' OR source_kind = ''ensemble'')'),
    '(state IN (''green'', ''yellow'', ''red'', ''paused'', ''stopped''))',
    '(state = ''green'' OR state = ''yellow'' OR state = ''red'' OR state = ''paused'' OR state = ''stopped'')'),
    '(status IN (''pending'', ''open'', ''closed'', ''rejected''))',
    '(status = ''pending'' OR status = ''open'' OR status = ''closed'' OR status = ''rejected'')'),
    '(status IN (''pending'', ''sent'', ''failed'', ''suppressed''))',
    '(status = ''pending'' OR status = ''sent'' OR status = ''failed'' OR status = ''suppressed'')')
WHERE type = 'table';

PRAGMA writable_schema = RESET;

DROP INDEX signals_feature_hash;
