-- The sweeper skips items whose event is dead-lettered and not yet replayed, matching on
-- (topic, event_key). Rows recorded before event_key was always set get it from their event
-- (url.reported is keyed by itemId, content.* by contentId).
UPDATE dead_letters SET event_key = COALESCE(message->'data'->>'contentId', message->'data'->>'itemId')
 WHERE event_key IS NULL AND jsonb_typeof(message) = 'object';
CREATE INDEX dead_letters_open_key ON dead_letters (topic, event_key) WHERE replayed_at IS NULL;

-- The sweeper's queries, every SWEEP_INTERVAL_MS: each looks for the oldest items in one
-- non-final state, a small part of tables that grow without bound.
CREATE INDEX report_urls_pending_top ON report_urls (updated_at) WHERE state = 'pending' AND parent_id IS NULL;
CREATE INDEX contents_stored ON contents (created_at) WHERE state = 'stored';
CREATE INDEX contents_hashed ON contents (hashed_at) WHERE state = 'hashed';
-- "no outbox row pending for this item"
CREATE INDEX outbox_topic_key ON outbox (topic, key);
