-- One full-text index over everything a reader may search for: the title and text of
-- each article, its highlights, its notes (free-form and on highlights), its tags
-- (article and highlight tags) and its site. One row per article, so a query such as
-- `drought -sports` means "this article says drought and nowhere says sports".
--
-- The article text is stored once (articles.text): the index reads it through the
-- view below (external content). What the reader wrote is small, and is kept as
-- indexed in search_extras, so the index can always be told exactly what to forget
-- (an external-content FTS5 index is corrupted by a 'delete' with other values than
-- were indexed). Refreshing an article's row is idempotent: forget what search_extras
-- says was indexed, recompute search_extras, index again.
DROP TRIGGER articles_fts_insert;
DROP TRIGGER articles_fts_delete;
DROP TRIGGER articles_fts_update;
DROP TABLE articles_fts;

CREATE TABLE search_extras (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    highlights TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT ''
);

-- What search_extras should hold for each article now (in a fixed order, so the same
-- library always gives the same row).
CREATE VIEW search_extras_fresh AS
SELECT a.id AS article_id,
    COALESCE((SELECT group_concat(quote, char(10)) FROM (
        SELECT quote FROM annotations WHERE article_id = a.id ORDER BY start_offset, id)), '')
        AS highlights,
    COALESCE((SELECT markdown FROM notes WHERE article_id = a.id), '') || char(10) ||
    COALESCE((SELECT group_concat(note, char(10)) FROM (
        SELECT note FROM annotations WHERE article_id = a.id AND note != ''
        ORDER BY start_offset, id)), '') AS notes,
    COALESCE((SELECT group_concat(tag, ' ; ') FROM (
        SELECT tag FROM article_tags WHERE article_id = a.id ORDER BY position)), '') || ' ; ' ||
    COALESCE((SELECT group_concat(tag, ' ; ') FROM (
        SELECT t.tag FROM annotation_tags t JOIN annotations n ON n.id = t.annotation_id
        WHERE n.article_id = a.id ORDER BY n.start_offset, n.id, t.position)), '') AS tags
FROM articles a;

CREATE VIEW search_documents AS
SELECT a.id AS id, a.title AS title, a.text AS text, e.highlights AS highlights,
    e.notes AS notes, e.tags AS tags, a.site AS site
FROM articles a JOIN search_extras e ON e.article_id = a.id;

-- bm25 weights (title, text, highlights, notes, tags, site) are given per query
-- (desktop/core/search/engine.py). No prefix indexes: they would nearly double the index
-- (measured 3.7 -> 1.9 KB per article), and a 3-letter prefix is fast enough without.
CREATE VIRTUAL TABLE search_index USING fts5(
    title, text, highlights, notes, tags, site,
    content='search_documents', content_rowid='id'
);

INSERT INTO search_extras (article_id, highlights, notes, tags)
    SELECT article_id, highlights, notes, tags FROM search_extras_fresh;
INSERT INTO search_index(search_index) VALUES ('rebuild');

CREATE TRIGGER search_article_insert AFTER INSERT ON articles BEGIN
    INSERT INTO search_extras (article_id) VALUES (new.id);
    INSERT INTO search_index (rowid, title, text, highlights, notes, tags, site)
        VALUES (new.id, new.title, new.text, '', '', '', new.site);
END;
CREATE TRIGGER search_article_delete BEFORE DELETE ON articles BEGIN
    INSERT INTO search_index (search_index, rowid, title, text, highlights, notes, tags, site)
        SELECT 'delete', id, title, text, highlights, notes, tags, site
        FROM search_documents WHERE id = old.id;
END;
CREATE TRIGGER search_article_update AFTER UPDATE OF title, text, site ON articles BEGIN
    INSERT INTO search_index (search_index, rowid, title, text, highlights, notes, tags, site)
        SELECT 'delete', old.id, old.title, old.text, highlights, notes, tags, old.site
        FROM search_extras WHERE article_id = old.id;
    INSERT INTO search_index (rowid, title, text, highlights, notes, tags, site)
        SELECT id, title, text, highlights, notes, tags, site
        FROM search_documents WHERE id = new.id;
END;

-- What the reader wrote changed: refresh the article's row (see above).
CREATE TABLE search_refresh (article_id INTEGER NOT NULL);
CREATE TRIGGER search_refresh_row AFTER INSERT ON search_refresh BEGIN
    INSERT INTO search_index (search_index, rowid, title, text, highlights, notes, tags, site)
        SELECT 'delete', id, title, text, highlights, notes, tags, site
        FROM search_documents WHERE id = new.article_id;
    UPDATE search_extras SET (highlights, notes, tags) = (
        SELECT highlights, notes, tags FROM search_extras_fresh WHERE article_id = new.article_id)
        WHERE article_id = new.article_id;
    INSERT INTO search_index (rowid, title, text, highlights, notes, tags, site)
        SELECT id, title, text, highlights, notes, tags, site
        FROM search_documents WHERE id = new.article_id;
    DELETE FROM search_refresh;
END;

CREATE TRIGGER search_annotation_insert AFTER INSERT ON annotations BEGIN
    INSERT INTO search_refresh VALUES (new.article_id);
END;
CREATE TRIGGER search_annotation_update AFTER UPDATE OF quote, note, start_offset, article_id
    ON annotations BEGIN
    INSERT INTO search_refresh VALUES (old.article_id);
    INSERT INTO search_refresh VALUES (new.article_id);
END;
CREATE TRIGGER search_annotation_delete AFTER DELETE ON annotations BEGIN
    INSERT INTO search_refresh VALUES (old.article_id);
END;
CREATE TRIGGER search_annotation_tag_insert AFTER INSERT ON annotation_tags BEGIN
    INSERT INTO search_refresh
        SELECT article_id FROM annotations WHERE id = new.annotation_id;
END;
CREATE TRIGGER search_annotation_tag_delete AFTER DELETE ON annotation_tags BEGIN
    INSERT INTO search_refresh
        SELECT article_id FROM annotations WHERE id = old.annotation_id;
END;
CREATE TRIGGER search_note_insert AFTER INSERT ON notes BEGIN
    INSERT INTO search_refresh VALUES (new.article_id);
END;
CREATE TRIGGER search_note_update AFTER UPDATE ON notes BEGIN
    INSERT INTO search_refresh VALUES (new.article_id);
END;
CREATE TRIGGER search_note_delete AFTER DELETE ON notes BEGIN
    INSERT INTO search_refresh VALUES (old.article_id);
END;
CREATE TRIGGER search_tag_insert AFTER INSERT ON article_tags BEGIN
    INSERT INTO search_refresh VALUES (new.article_id);
END;
CREATE TRIGGER search_tag_delete AFTER DELETE ON article_tags BEGIN
    INSERT INTO search_refresh VALUES (old.article_id);
END;
