-- Named entities: one analysis per article, recomputed when the model or the text changes.
CREATE TABLE entity_analyses (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    model TEXT NOT NULL,
    model_version TEXT NOT NULL,
    pipeline TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    raw_json TEXT NOT NULL,
    analysed_at TEXT NOT NULL
);

-- The post-processed mentions (corrections are applied when read), for
-- highlighting and for "articles mentioning this" across the library.
CREATE TABLE entity_mentions (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    entity_key TEXT NOT NULL,
    label TEXT NOT NULL,
    PRIMARY KEY (article_id, start_offset)
) WITHOUT ROWID;
CREATE INDEX entity_mentions_key ON entity_mentions(entity_key);

-- The reader's own gazetteer: one correction per entity text, library-wide.
CREATE TABLE entity_corrections (
    id INTEGER PRIMARY KEY,
    entity_key TEXT NOT NULL UNIQUE,
    action TEXT NOT NULL CHECK (action IN ('remove', 'relabel', 'add')),
    label TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
