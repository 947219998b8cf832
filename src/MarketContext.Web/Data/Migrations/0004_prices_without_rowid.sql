-- Prices are always looked up and written by (symbol, date): keep them in one B-tree ordered by that key
-- instead of a rowid table plus a separate primary-key index. Imports write one tree instead of two,
-- and a chart's range of one symbol is read from neighbouring pages.
create table prices_by_key (
    symbol text not null references instruments (symbol),
    date text not null,
    open real,
    high real,
    low real,
    close real not null,
    adj_close real,
    volume integer,
    primary key (symbol, date)
) without rowid;

insert into prices_by_key (symbol, date, open, high, low, close, adj_close, volume)
select symbol, date, open, high, low, close, adj_close, volume from prices;

drop table prices;

alter table prices_by_key rename to prices;
