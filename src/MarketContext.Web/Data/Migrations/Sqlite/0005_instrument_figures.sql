-- What a list of the series and every reader of one series ask first, kept by the importer in the same
-- transaction as the rows they describe: reading them costs one row per instrument, never a scan of the prices.
-- The version is bumped with every change to the symbol's rows, so each process and instance can tell which of
-- the series it holds in memory are stale, and a picture's ETag changes exactly when the series it shows do.
create table instrument_figures (
    symbol text not null primary key references instruments (symbol),
    first_date text,
    last_date text,
    row_count integer not null,
    version integer not null
);

insert into instrument_figures (symbol, first_date, last_date, row_count, version)
select i.symbol, min(p.date), max(p.date), count(p.date), 1
from instruments i left join prices p on p.symbol = i.symbol
group by i.symbol;
