-- Every import and refresh of a series is a vintage: what was read (producer, format, file or source, content hash),
-- who and when, and how many rows it inserted, revised or found unchanged. A price row names the vintage that wrote
-- its current values (null: stored before vintages were kept), so reads of the current data stay one range of the
-- (symbol, date) tree as before. The values a vintage replaced move to price_revisions with the vintages they were
-- valid in, from valid_from (null: since before vintages were kept) up to, not including, valid_to.
create table price_vintages (
    id integer not null primary key,
    symbol text not null references instruments (symbol),
    imported_at text not null,
    imported_by text not null,
    producer text not null,
    format text not null,
    source text not null,
    sha256 text not null,
    -- The reader's choices (date format, columns…) the rows were read with: the same bytes read otherwise are other data.
    overrides text not null,
    inserted integer not null,
    revised integer not null,
    unchanged integer not null
);

create index price_vintages_by_symbol on price_vintages (symbol, id);
create index price_vintages_by_time on price_vintages (imported_at);

alter table prices add column vintage_id integer;

create table price_revisions (
    symbol text not null,
    date text not null,
    open real,
    high real,
    low real,
    close real not null,
    adj_close real,
    volume integer,
    valid_from integer,
    valid_to integer not null,
    primary key (symbol, date, valid_to)
) without rowid;
