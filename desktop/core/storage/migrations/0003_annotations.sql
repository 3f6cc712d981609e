-- Highlights and their notes, anchored as W3C Web Annotation selectors: the quote
-- with its prefix and suffix (TextQuoteSelector) and offsets into articles.text
-- (TextPositionSelector). An orphaned highlight could not be placed again after
-- the text changed: kept with its quote and note, attached to nothing.
CREATE TABLE annotations (
    id TEXT PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    quote TEXT NOT NULL,
    prefix TEXT NOT NULL DEFAULT '',
    suffix TEXT NOT NULL DEFAULT '',
    start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    color TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'anchored' CHECK (status IN ('anchored', 'orphaned')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    -- sha256 of the article text these offsets were computed on: when it differs
    -- from the article's text (an update interrupted before re-anchoring), the
    -- highlight is re-anchored before it is shown.
    text_sha256 TEXT NOT NULL DEFAULT '',
    CHECK (end_offset >= start_offset)
);
CREATE INDEX annotations_article ON annotations(article_id, start_offset, end_offset);

-- Tags in the order the user gave them.
CREATE TABLE annotation_tags (
    annotation_id TEXT NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    tag TEXT NOT NULL,
    PRIMARY KEY (annotation_id, tag)
);
CREATE INDEX annotation_tags_tag ON annotation_tags(tag);

-- What each of the five highlight colours means to this reader (renamable).
CREATE TABLE color_meanings (
    color TEXT PRIMARY KEY,
    meaning TEXT NOT NULL
);
INSERT INTO color_meanings (color, meaning) VALUES
    ('yellow', 'key point'),
    ('green', 'evidence'),
    ('blue', 'question'),
    ('pink', 'disagree'),
    ('purple', 'follow up');
