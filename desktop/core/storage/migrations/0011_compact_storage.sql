-- The text of an article kept once. blocks_json held every block's text beside
-- articles.text (which is those blocks joined by a blank line); now it holds each
-- block's kind and length, and the blocks are cut from the text when read
-- (desktop/core/library.py, blocks_from_json). An article whose text is not exactly
-- its blocks joined keeps its blocks as they were (both forms are read).
UPDATE articles SET blocks_json = (
    SELECT json_group_array(json_array(json_extract(value, '$[0]'),
                                       length(json_extract(value, '$[1]'))))
    FROM (SELECT value FROM json_each(articles.blocks_json) ORDER BY key))
WHERE json_valid(blocks_json) AND text = (
    SELECT group_concat(json_extract(value, '$[1]'), char(10) || char(10))
    FROM (SELECT value FROM json_each(articles.blocks_json) ORDER BY key));

-- The bytes of an import as imported, zlib-compressed from now on (1); sources stored
-- before stay as they were (0) until `lectern compact` compresses them.
ALTER TABLE sources ADD COLUMN compressed INTEGER NOT NULL DEFAULT 0;

-- The library list at any size: each sort reads one index in order and filters by
-- state in it, never the article rows themselves (the text makes them long).
CREATE INDEX articles_list_saved ON articles(saved_at, archived, favourite);
CREATE INDEX articles_list_published ON articles(published, archived, favourite);
CREATE INDEX articles_list_title ON articles(title COLLATE NOCASE, archived, favourite);
CREATE INDEX articles_list_words ON articles(word_count, archived, favourite);
CREATE INDEX articles_state ON articles(archived, favourite);
CREATE INDEX articles_site ON articles(site COLLATE NOCASE);
CREATE INDEX annotations_color ON annotations(color, article_id);
-- Which articles still need entities, without reading the analyses' long rows.
CREATE INDEX entity_analyses_identity
    ON entity_analyses(article_id, content_hash, model, model_version);
-- A row's state by id without reading the row (it lies after the text in the record).
CREATE INDEX articles_row_state ON articles(id, archived, favourite, progress);
