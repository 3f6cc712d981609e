-- Remote images of articles: where each sits between the blocks (never in the text),
-- the bytes of those the user chose to load (so the article reads offline later),
-- and which articles the user allowed to show their images.
CREATE TABLE article_images (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    position INTEGER NOT NULL,
    src TEXT NOT NULL,
    alt TEXT NOT NULL DEFAULT '',
    caption TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (article_id, seq)
);

-- Keyed by address, not by placement: re-cleaning an article keeps what was loaded.
-- problem: why the last load of this address failed ('' once it succeeds).
CREATE TABLE image_cache (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    src TEXT NOT NULL,
    content_type TEXT NOT NULL DEFAULT '',
    data BLOB,
    problem TEXT NOT NULL DEFAULT '',
    fetched_at TEXT NOT NULL,
    PRIMARY KEY (article_id, src)
);

CREATE TABLE images_allowed (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    allowed_at TEXT NOT NULL
);
