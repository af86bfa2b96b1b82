-- Routing reads only the few best operators for a dialog (OperatorRepository.eligible): one query per
-- receiving status, ordered as the distribution method ranks, stopping after a few rows. These indexes
-- hold the operators in each method's order within a status, so the database walks them in order
-- instead of sorting every operator. NULLS FIRST: never closed / never assigned ranks first.
CREATE INDEX oc_operator_fewest_then_idle
    ON oc_operator (status, active_dialogs, last_closed_at NULLS FIRST, last_assigned_at NULLS FIRST, id);
CREATE INDEX oc_operator_longest_idle ON oc_operator (status, last_assigned_at NULLS FIRST, id);
CREATE INDEX oc_operator_rotation ON oc_operator (status, id);
-- A subject's members in id order: the operators a decision names as skipped (OperatorRepository.inScope).
CREATE INDEX oc_operator_group_members ON oc_operator_group (group_name, operator_id);

-- The most recently closed dialogs, newest first (DialogRepository.recentHandlingTimes, for the wait
-- estimate of every queued dialog): read from the top of this index instead of sorting every closed dialog.
CREATE INDEX oc_dialog_recently_closed ON oc_dialog (state, closed_at DESC);
