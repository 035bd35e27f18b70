-- Books, each by one author of 001_create_authors.
CREATE TABLE books (
    id        INTEGER PRIMARY KEY,
    author_id INTEGER NOT NULL REFERENCES authors(id) ON DELETE CASCADE,
    title     TEXT NOT NULL,
    published INTEGER
);
CREATE INDEX books_author ON books(author_id);

INSERT INTO books (author_id, title, published)
SELECT id, 'The Left Hand of Darkness', 1969 FROM authors WHERE name = 'Ursula K. Le Guin'
UNION ALL
SELECT id, 'Invisible Cities', 1972 FROM authors WHERE name = 'Italo Calvino'
UNION ALL
SELECT id, 'Solaris', 1961 FROM authors WHERE name = 'Stanisław Lem';
