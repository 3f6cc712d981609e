-- Feeds the reader subscribed to (RSS, Atom, JSON Feed), by canonical address. etag and
-- last_modified are the feed server's, sent back on the next refresh so an unchanged
-- feed costs one 304 answer and adds nothing.
CREATE TABLE feeds (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL DEFAULT '',
    site_url TEXT NOT NULL DEFAULT '',
    added_at TEXT NOT NULL,
    etag TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    refreshed_at TEXT NOT NULL DEFAULT '',
    problem TEXT NOT NULL DEFAULT ''
);

-- Every item a feed has shown, once (by its id in the feed, else its link), and the
-- article it became: an item seen before is never added again, and the library knows
-- which feed each article came from. article_id is NULL while the item's page waits
-- to be fetched (a waiting link with origin 'feed:<feed id>' and the same url).
CREATE TABLE feed_items (
    feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
    item_key TEXT NOT NULL,
    url TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    published TEXT NOT NULL DEFAULT '',
    seen_at TEXT NOT NULL,
    article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL,
    PRIMARY KEY (feed_id, item_key)
) WITHOUT ROWID;
CREATE INDEX feed_items_article ON feed_items(article_id);
CREATE INDEX feed_items_url ON feed_items(url);
