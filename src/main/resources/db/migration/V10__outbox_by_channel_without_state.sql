-- A channel's deliveries are listed newest first, of one state or all (GET /api/channels/{channel}/deliveries):
-- an index on the channel and the order serves both, and unlike one that holds the state too, it is not
-- rewritten when a delivery's state changes (once for every delivery, when it is delivered).
DROP INDEX oc_outbox_by_channel;
CREATE INDEX oc_outbox_by_channel ON oc_outbox (channel, seq);
