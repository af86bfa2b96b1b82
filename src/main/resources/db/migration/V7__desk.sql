-- A ban has an optional end and says who made it; an expired ban no longer bans.
ALTER TABLE oc_banned_client ADD COLUMN banned_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE oc_banned_client ADD COLUMN banned_by VARCHAR(64);

-- Why the connect action refused the scenario's configuration (connect_result 'ERROR'), for GET /api/dialogs/{id}.
ALTER TABLE oc_dialog ADD COLUMN connect_error VARCHAR(1000);

-- GET /api/dialogs, newest first, and a client's earlier dialogs.
CREATE INDEX oc_dialog_newest ON oc_dialog (created_at, id);
CREATE INDEX oc_dialog_by_client ON oc_dialog (client_id, created_at);
