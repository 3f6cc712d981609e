-- What the reader writes (a highlight, a note, a tag) is saved with one small write.
-- Until now a trigger rebuilt the article's whole search row inside that same write
-- (its text and every highlight tokenised twice), so saving one highlight cost 16x
-- a raw fsync, and 0.3-1.2 s on an article with 20,000 highlights. search_refresh
-- still collects which articles changed; each connection now says when their rows
-- are rebuilt (desktop/core/storage/search_rows.py): at once, by a TEMP trigger of
-- the same body, or, for the window, after the durable save and off its GUI thread.
DROP TRIGGER search_refresh_row;
