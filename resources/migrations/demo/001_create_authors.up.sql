-- The demo library's authors.
CREATE TABLE authors (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    born INTEGER
);

INSERT INTO authors (name, born) VALUES
    ('Ursula K. Le Guin', 1929),
    ('Italo Calvino', 1923),
    ('Stanisław Lem', 1921);
