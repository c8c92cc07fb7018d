-- 0016: indexes for publishing reads: document volume per publisher and day, claims by stance.

CREATE INDEX idx_documents_publisher_published ON documents(publisher, published);
CREATE INDEX idx_claims_stance ON claims(stance, event_id);
