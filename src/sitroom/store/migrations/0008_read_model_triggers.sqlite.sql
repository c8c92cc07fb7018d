-- 0008 on SQLite: the rollup triggers of 0004/0005 give way to store/read_model.py. What remains
-- are triggers that only note which event or document changed (in read_model_dirty), so any
-- writer, in any store module, keeps the read model right without knowing about it.

DROP TRIGGER IF EXISTS events_api_daily_after_update;
DROP TRIGGER IF EXISTS documents_api_after_insert;
DROP TRIGGER IF EXISTS documents_api_after_delete;
DROP TRIGGER IF EXISTS documents_api_after_update;
DROP TRIGGER IF EXISTS events_api_after_insert;
DROP TRIGGER IF EXISTS events_api_after_delete;
DROP TRIGGER IF EXISTS events_api_search_after_update;
DROP TRIGGER IF EXISTS events_api_actors_after_update;
DROP TRIGGER IF EXISTS events_api_counts_after_update;
DROP TRIGGER IF EXISTS event_sources_api_after_insert;
DROP TRIGGER IF EXISTS event_sources_api_after_delete;
DROP TRIGGER IF EXISTS event_sources_api_after_update;
DROP TRIGGER IF EXISTS mentions_api_after_update;
DROP TRIGGER IF EXISTS mentions_api_after_insert;
DROP TRIGGER IF EXISTS mentions_api_after_delete;
DROP TRIGGER IF EXISTS documents_api_counts_after_insert;
DROP TRIGGER IF EXISTS documents_api_counts_after_delete;
DROP TRIGGER IF EXISTS documents_api_counts_after_update;

CREATE TRIGGER events_mark_after_insert AFTER INSERT ON events BEGIN
    INSERT INTO read_model_dirty (kind, id) VALUES ('event', NEW.event_id) ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER events_mark_after_update AFTER UPDATE ON events BEGIN
    INSERT INTO read_model_dirty (kind, id) VALUES ('event', OLD.event_id) ON CONFLICT DO NOTHING;
    INSERT INTO read_model_dirty (kind, id) VALUES ('event', NEW.event_id) ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER events_mark_after_delete AFTER DELETE ON events BEGIN
    INSERT INTO read_model_dirty (kind, id) VALUES ('event', OLD.event_id) ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER event_sources_mark_after_insert AFTER INSERT ON event_sources BEGIN
    INSERT INTO read_model_dirty (kind, id) VALUES ('event', NEW.event_id) ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER event_sources_mark_after_update AFTER UPDATE OF event_id, mention_id, doc_id ON event_sources BEGIN
    INSERT INTO read_model_dirty (kind, id) VALUES ('event', OLD.event_id) ON CONFLICT DO NOTHING;
    INSERT INTO read_model_dirty (kind, id) VALUES ('event', NEW.event_id) ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER event_sources_mark_after_delete AFTER DELETE ON event_sources BEGIN
    INSERT INTO read_model_dirty (kind, id) VALUES ('event', OLD.event_id) ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER mentions_mark_after_insert AFTER INSERT ON mentions BEGIN
    INSERT INTO read_model_dirty (kind, id) VALUES ('document', NEW.doc_id) ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER mentions_mark_after_update AFTER UPDATE OF claim_stance, fatalities, injured, detained, doc_id ON mentions BEGIN
    INSERT INTO read_model_dirty (kind, id)
        SELECT 'event', event_id FROM event_sources WHERE mention_id = NEW.mention_id ON CONFLICT DO NOTHING;
    INSERT INTO read_model_dirty (kind, id) VALUES ('document', OLD.doc_id) ON CONFLICT DO NOTHING;
    INSERT INTO read_model_dirty (kind, id) VALUES ('document', NEW.doc_id) ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER mentions_mark_after_delete AFTER DELETE ON mentions BEGIN
    INSERT INTO read_model_dirty (kind, id) VALUES ('document', OLD.doc_id) ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER documents_mark_after_insert AFTER INSERT ON documents BEGIN
    INSERT INTO read_model_dirty (kind, id) VALUES ('document', NEW.doc_id) ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER documents_mark_after_update AFTER UPDATE OF doc_id, title, text, source_kind ON documents BEGIN
    INSERT INTO read_model_dirty (kind, id) VALUES ('document', OLD.doc_id) ON CONFLICT DO NOTHING;
    INSERT INTO read_model_dirty (kind, id) VALUES ('document', NEW.doc_id) ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER documents_mark_after_delete AFTER DELETE ON documents BEGIN
    INSERT INTO read_model_dirty (kind, id) VALUES ('document', OLD.doc_id) ON CONFLICT DO NOTHING;
END;
