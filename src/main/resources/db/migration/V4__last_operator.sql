-- The operator who last gave a dialog back to the queue (returned it, was redistributed, transferred it to a
-- subject with nobody free): the queue serves it to somebody else first, and back to them only when nobody
-- else can take it.
ALTER TABLE oc_dialog ADD COLUMN last_operator_id VARCHAR(64);
