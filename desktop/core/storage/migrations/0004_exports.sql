-- What Lectern wrote when it exported an article to a folder, so a re-export can
-- tell an untouched file (rewrite it) from one the user edited (only append).
CREATE TABLE exports (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    folder TEXT NOT NULL,
    path TEXT NOT NULL UNIQUE,
    template TEXT NOT NULL DEFAULT '',
    content_sha256 TEXT NOT NULL,
    highlight_ids TEXT NOT NULL DEFAULT '[]',
    note_sha256 TEXT NOT NULL DEFAULT '',
    user_edited INTEGER NOT NULL DEFAULT 0,
    written_at TEXT NOT NULL
);
CREATE INDEX exports_article_folder ON exports(article_id, folder);
