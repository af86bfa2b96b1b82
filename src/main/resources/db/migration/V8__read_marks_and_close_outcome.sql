-- How far each operator has read each dialog's transcript: what the panel counts as unread.
CREATE TABLE oc_read_mark (
    dialog_id   VARCHAR(64) NOT NULL REFERENCES oc_dialog (id) ON DELETE CASCADE,
    operator_id VARCHAR(64) NOT NULL,
    message_id  BIGINT      NOT NULL,
    PRIMARY KEY (dialog_id, operator_id)
);

-- What the operator who closed a dialog said of it: an outcome tag (resolved, not_resolved, ...) and a note.
ALTER TABLE oc_dialog ADD COLUMN close_outcome VARCHAR(64);
ALTER TABLE oc_dialog ADD COLUMN close_note VARCHAR(2000);
