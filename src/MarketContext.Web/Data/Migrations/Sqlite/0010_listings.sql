-- Listings: the exchange (ISO 10383 MIC) a series trades on, the company it belongs to, and where its currency came
-- from (currency_source: known, symbol, pair, assumed, editor, unknown), so a currency is never a silent guess and
-- may be unknown. Series of FX rates get a role of their own. SQLite cannot change a check constraint or a not-null
-- column in place, so the table is made again. Its rows are put back after the new table exists: with the foreign
-- keys of prices and instrument_figures checked at commit (deferred), each row put back answers the rows that refer
-- to it, and the commit fails if any were left without one.
pragma defer_foreign_keys = on;
create temp table instruments_before_listings as select symbol, name, currency, role from instruments;
drop table instruments;
create table instruments (
    symbol text not null primary key,
    name text not null,
    currency text,
    role text not null check (role in ('vendor', 'benchmark', 'other', 'fx')),
    exchange text,
    company text,
    currency_source text
);
insert into instruments (symbol, name, currency, role) select symbol, name, currency, role from instruments_before_listings;
drop table instruments_before_listings;

-- Series stored before listings existed get the defaults a new import gives them (Features/Prices/ListingDefaults):
-- the listings the app knows by name, the exchange suffixes, FX pairs, and a plain symbol assumed to be a US listing.
update instruments set exchange = 'XNAS', company = 'Ericsson', currency = 'USD', currency_source = 'known' where symbol = 'ERIC';
update instruments set exchange = 'XNYS', company = 'Nokia', currency = 'USD', currency_source = 'known' where symbol = 'NOK';
update instruments set exchange = 'XNAS', currency = 'USD', currency_source = 'known' where symbol = 'QQQ';
update instruments set exchange = 'XSTO', currency = 'SEK', currency_source = 'known' where symbol = '^OMX';
update instruments set exchange = 'XHEL', currency = 'EUR', currency_source = 'known' where symbol = '^OMXH25';
update instruments set exchange = 'XETR', currency = 'EUR', currency_source = 'known' where symbol in ('^STOXX', '^STOXX50E', '^GDAXI');
update instruments set exchange = 'XLON', currency = 'GBP', currency_source = 'known' where symbol = '^FTSE';
update instruments set exchange = 'XSTO', currency = 'SEK', currency_source = 'symbol' where symbol like '%.ST' and currency_source is null;
update instruments set exchange = 'XHEL', currency = 'EUR', currency_source = 'symbol' where symbol like '%.HE' and currency_source is null;
update instruments set exchange = 'XETR', currency = 'EUR', currency_source = 'symbol' where symbol like '%.DE' and currency_source is null;
update instruments set company = 'Ericsson' where symbol in ('ERIC-A.ST', 'ERIC-B.ST');
update instruments set company = 'Nokia' where symbol = 'NOKIA.HE';
update instruments set exchange = null, currency = substr(symbol, 4, 3), currency_source = 'pair', role = 'fx'
    where symbol like '______=X' and currency_source is null;
update instruments set currency = null, currency_source = 'unknown'
    where currency_source is null and (symbol like '%.%' or symbol like '^%' or symbol like '%=%');
update instruments set exchange = 'XNYS', currency = 'USD', currency_source = 'assumed' where currency_source is null;
