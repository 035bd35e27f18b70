CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; SELECT 2; END;
-- comment ; here
/* block ; */ SELECT "q;", [b;], `c;`;
