-- 0008 on PostgreSQL: triggers that only note which event or document changed (in read_model_dirty);
-- store/read_model.py brings the read model up to date from them before every write commits.

CREATE FUNCTION read_model_mark_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO read_model_dirty (kind, id) VALUES ('event', OLD.event_id) ON CONFLICT DO NOTHING;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO read_model_dirty (kind, id) VALUES ('event', NEW.event_id) ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION read_model_mark_document() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO read_model_dirty (kind, id) VALUES ('document', OLD.doc_id) ON CONFLICT DO NOTHING;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO read_model_dirty (kind, id) VALUES ('document', NEW.doc_id) ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION read_model_mark_mention_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO read_model_dirty (kind, id)
        SELECT 'event', event_id FROM event_sources WHERE mention_id = NEW.mention_id ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

CREATE TRIGGER events_mark AFTER INSERT OR UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION read_model_mark_event();
CREATE TRIGGER event_sources_mark AFTER INSERT OR DELETE OR UPDATE OF event_id, mention_id, doc_id ON event_sources
    FOR EACH ROW EXECUTE FUNCTION read_model_mark_event();
CREATE TRIGGER mentions_mark AFTER INSERT OR DELETE OR UPDATE OF claim_stance, fatalities, injured, detained, doc_id
    ON mentions FOR EACH ROW EXECUTE FUNCTION read_model_mark_document();
CREATE TRIGGER mentions_mark_events AFTER UPDATE OF claim_stance, fatalities, injured, detained ON mentions
    FOR EACH ROW EXECUTE FUNCTION read_model_mark_mention_events();
CREATE TRIGGER documents_mark AFTER INSERT OR DELETE OR UPDATE OF doc_id, title, text, source_kind ON documents
    FOR EACH ROW EXECUTE FUNCTION read_model_mark_document();
