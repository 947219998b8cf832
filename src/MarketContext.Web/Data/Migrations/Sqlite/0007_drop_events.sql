-- The event catalogue ships inside the application and is read from there into memory; the table was only a
-- copy of it, rewritten at every start-up.
drop table events;
