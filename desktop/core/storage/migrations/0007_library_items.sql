-- Where each article stands for its reader: in the inbox or archived, a favourite,
-- how far it has been read (0..1 of its text) and when it was last opened.
ALTER TABLE articles ADD COLUMN archived INTEGER NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN favourite INTEGER NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN progress REAL NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN opened_at TEXT NOT NULL DEFAULT '';
CREATE INDEX articles_saved_at ON articles(saved_at);

-- An article's tags, in the order the reader (or the app they came from) gave them.
CREATE TABLE article_tags (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (article_id, tag)
) WITHOUT ROWID;
CREATE INDEX article_tags_tag ON article_tags(tag);

-- Links saved with no page yet (another app's export, a feed item that carries only
-- a summary, a URL to read later): `lectern fetch` downloads them. Once fetched, the
-- link points at its article and its waiting highlights are placed on the text.
-- status: 'waiting' (to fetch, not before next_attempt_at), 'failed' (gave up; problem
-- says why), 'done' (article_id is the article).
CREATE TABLE waiting_links (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL DEFAULT '',
    origin TEXT NOT NULL DEFAULT '',
    saved_at TEXT NOT NULL,
    tags_json TEXT NOT NULL DEFAULT '[]',
    archived INTEGER NOT NULL DEFAULT 0,
    favourite INTEGER NOT NULL DEFAULT 0,
    progress REAL NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'failed', 'done')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL DEFAULT '',
    problem TEXT NOT NULL DEFAULT '',
    article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL
);
CREATE INDEX waiting_links_status ON waiting_links(status, next_attempt_at);

-- Highlights that came with a waiting link, in their original order, until its text
-- arrives (then they become annotations, anchored or orphaned, and are deleted here).
CREATE TABLE waiting_highlights (
    link_id INTEGER NOT NULL REFERENCES waiting_links(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    quote TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    color TEXT NOT NULL DEFAULT 'yellow',
    tags_json TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (link_id, position)
) WITHOUT ROWID;
