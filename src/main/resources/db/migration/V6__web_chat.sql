-- Keys the nodes make for themselves on first use and share through the database (the web chat's token key),
-- unless the configuration names one.
CREATE TABLE oc_key (
    name       VARCHAR(64)  NOT NULL PRIMARY KEY,
    key_value  VARCHAR(200) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Why a dialog closed, when its client ended it: ABANDONED (they left while waiting for an operator) or
-- CLIENT_LEFT (they left the bot or an operator). Null for every other end.
ALTER TABLE oc_dialog ADD COLUMN close_reason VARCHAR(16);
ALTER TABLE oc_dialog ADD CONSTRAINT oc_dialog_close_reason_valid
    CHECK (close_reason IS NULL OR close_reason IN ('ABANDONED', 'CLIENT_LEFT'));
