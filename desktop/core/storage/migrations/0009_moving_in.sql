-- Moving in from other apps (Pocket, Kindle, Readwise…).
-- Where a highlight stands in a book with no web page: "page 12 · location 180-182"
-- (Kindle, Readwise books). Shown in the Notes tab and in exported Markdown.
ALTER TABLE annotations ADD COLUMN location TEXT NOT NULL DEFAULT '';

-- The note another app kept with a saved link (a bookmark's description, the
-- passage selected when saving): becomes the article's note once it is fetched.
ALTER TABLE waiting_links ADD COLUMN note TEXT NOT NULL DEFAULT '';

-- Books and documents known only by their quotes (Kindle, Readwise): the article
-- made of their quotes, found again by title and author when a newer export brings
-- more, so one book is one article whatever app its highlights came from.
CREATE TABLE books (
    book_key TEXT PRIMARY KEY,
    article_id INTEGER NOT NULL UNIQUE REFERENCES articles(id) ON DELETE CASCADE
);
