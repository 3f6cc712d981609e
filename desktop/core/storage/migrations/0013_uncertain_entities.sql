-- A mention whose kind rests on thin or conflicting evidence is stored as uncertain:
-- the reader shows it fainter, its kind with a question mark (issue 15).
ALTER TABLE entity_mentions ADD COLUMN uncertain INTEGER NOT NULL DEFAULT 0;
