-- The Litehouse demo database: a small bookshop. Generated on first run
-- from this script; a few related tables with thousands of rows.
PRAGMA foreign_keys = ON;
-- One transaction: a first run that is interrupted leaves no half-made demo.
BEGIN;

CREATE TABLE authors (
  id        INTEGER PRIMARY KEY,
  name      TEXT NOT NULL,
  country   TEXT NOT NULL,
  born      INTEGER
);

CREATE TABLE books (
  id         INTEGER PRIMARY KEY,
  author_id  INTEGER NOT NULL REFERENCES authors(id),
  title      TEXT NOT NULL,
  genre      TEXT NOT NULL,
  published  INTEGER NOT NULL,
  price      REAL NOT NULL,
  isbn       TEXT UNIQUE
);
CREATE INDEX books_author ON books(author_id);

CREATE TABLE customers (
  id        INTEGER PRIMARY KEY,
  name      TEXT NOT NULL,
  email     TEXT NOT NULL UNIQUE,
  city      TEXT NOT NULL,
  joined    TEXT NOT NULL
);

CREATE TABLE orders (
  id           INTEGER PRIMARY KEY,
  customer_id  INTEGER NOT NULL REFERENCES customers(id),
  book_id      INTEGER NOT NULL REFERENCES books(id),
  quantity     INTEGER NOT NULL CHECK (quantity > 0),
  ordered_at   TEXT NOT NULL,
  note         TEXT
);
CREATE INDEX orders_customer ON orders(customer_id);

CREATE VIEW sales_by_genre AS
  SELECT b.genre, count(*) AS orders, sum(o.quantity * b.price) AS revenue
  FROM orders o JOIN books b ON b.id = o.book_id
  GROUP BY b.genre;

CREATE TEMP TABLE first_names(i INTEGER PRIMARY KEY, v TEXT);
INSERT INTO first_names(v) VALUES ('Ada'),('Alan'),('Grace'),('Edsger'),('Barbara'),('Donald'),('Frances'),
  ('Ken'),('Margaret'),('Dennis'),('Radia'),('Niklaus'),('Karen'),('John'),('Hedy'),('Tim'),('Sophie'),
  ('Linus'),('Joan'),('Bjarne'),('Lynn'),('Guido'),('Anita'),('James'),('Shafi'),('Yukihiro'),('Ines'),('Jean');
CREATE TEMP TABLE last_names(i INTEGER PRIMARY KEY, v TEXT);
INSERT INTO last_names(v) VALUES ('Lovelace'),('Turing'),('Hopper'),('Dijkstra'),('Liskov'),('Knuth'),('Allen'),
  ('Thompson'),('Hamilton'),('Ritchie'),('Perlman'),('Wirth'),('Spärck Jones'),('McCarthy'),('Lamarr'),
  ('Berners-Lee'),('Wilson'),('Torvalds'),('Clarke'),('Stroustrup'),('Conway'),('van Rossum'),('Borg'),
  ('Gosling'),('Goldwasser'),('Matsumoto'),('Müller'),('Sammet');
CREATE TEMP TABLE countries(i INTEGER PRIMARY KEY, v TEXT);
INSERT INTO countries(v) VALUES ('United Kingdom'),('United States'),('Netherlands'),('Canada'),('Germany'),
  ('Switzerland'),('Denmark'),('Finland'),('Japan'),('Israel'),('France'),('Austria');
CREATE TEMP TABLE words(i INTEGER PRIMARY KEY, v TEXT);
INSERT INTO words(v) VALUES ('Silent'),('Recursive'),('Lighthouse'),('Harbour'),('Lost'),('Hidden'),('Binary'),
  ('Northern'),('Quiet'),('Infinite'),('Careful'),('Parallel'),('Forgotten'),('Paper'),('Iron'),('Glass'),
  ('Tide'),('Index'),('Garden'),('Signal'),('Compiler'),('Winter'),('Atlas'),('River');
CREATE TEMP TABLE genres(i INTEGER PRIMARY KEY, v TEXT);
INSERT INTO genres(v) VALUES ('Fiction'),('Mystery'),('Science'),('History'),('Poetry'),('Biography'),
  ('Computing'),('Travel'),('Children'),('Philosophy');
CREATE TEMP TABLE cities(i INTEGER PRIMARY KEY, v TEXT);
INSERT INTO cities(v) VALUES ('Berlin'),('Lisbon'),('Oslo'),('Kyoto'),('Toronto'),('Austin'),('Edinburgh'),
  ('Zürich'),('Porto'),('Tallinn'),('Wellington'),('Montréal'),('Utrecht'),('Helsinki');

WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 300)
INSERT INTO authors(id, name, country, born)
SELECT x,
       (SELECT v FROM first_names WHERE i = 1 + (x * 7) % 28) || ' ' ||
       (SELECT v FROM last_names WHERE i = 1 + (x * 11) % 28),
       (SELECT v FROM countries WHERE i = 1 + x % 12),
       CASE WHEN x % 9 = 0 THEN NULL ELSE 1900 + (x * 37) % 100 END
FROM n;

WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 3000)
INSERT INTO books(id, author_id, title, genre, published, price, isbn)
SELECT x,
       1 + (x * 13) % 300,
       'The ' || (SELECT v FROM words WHERE i = 1 + (x * 5) % 24) || ' ' ||
       (SELECT v FROM words WHERE i = 1 + (x * 17 + 3) % 24) ||
       CASE WHEN x % 4 = 0 THEN ', Volume ' || (1 + x % 5) ELSE '' END,
       (SELECT v FROM genres WHERE i = 1 + ((x * x) % 97) % 10),
       1950 + (x * 29) % 75,
       round(4.99 + ((x * 1103) % 4500) / 100.0, 2),
       '978-' || printf('%010d', x * 7919)
FROM n;

WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 2000)
INSERT INTO customers(id, name, email, city, joined)
SELECT x,
       (SELECT v FROM first_names WHERE i = 1 + (x * 5) % 28) || ' ' ||
       (SELECT v FROM last_names WHERE i = 1 + (x * 3 + 1) % 28),
       'customer' || x || '@example.org',
       (SELECT v FROM cities WHERE i = 1 + (x * 7) % 14),
       date('2019-01-01', '+' || ((x * 97) % 2500) || ' days')
FROM n;

WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 12000)
INSERT INTO orders(id, customer_id, book_id, quantity, ordered_at, note)
SELECT x,
       1 + (x * 31) % 2000,
       1 + ((x * 53) % 3000) * ((x * 53) % 3000) / 3000,
       1 + (x * 7) % 4,
       datetime('2022-01-01', '+' || ((x * 2711) % 1000000) || ' minutes'),
       CASE x % 10 WHEN 0 THEN 'gift wrap' WHEN 3 THEN '' ELSE NULL END
FROM n;

DROP TABLE temp.first_names;
DROP TABLE temp.last_names;
DROP TABLE temp.countries;
DROP TABLE temp.words;
DROP TABLE temp.genres;
DROP TABLE temp.cities;
COMMIT;
