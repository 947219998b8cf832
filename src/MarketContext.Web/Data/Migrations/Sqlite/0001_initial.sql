create table instruments (
    symbol text not null primary key,
    name text not null,
    currency text not null,
    role text not null check (role in ('vendor', 'benchmark', 'other'))
);

-- Prices are always looked up and written by (symbol, date): one B-tree ordered by that key, not a rowid table
-- plus a separate index, so imports write one tree and a chart's range of one symbol sits on neighbouring pages.
create table prices (
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

create table events (
    id text not null primary key,
    date text,
    end_date text,
    precision text not null,
    first_public text,
    first_public_time_utc text,
    title text not null,
    label text not null,
    summary text not null,
    category text not null,
    countries text not null,
    in_article integer not null,
    article_paragraph integer,
    article_note text not null,
    companies text not null,
    sources text not null,
    confidence text not null
);

create table annotations (
    id integer not null primary key,
    seq integer not null unique,
    date text not null,
    end_date text,
    symbol text,
    text text not null,
    author text not null,
    created_at text not null,
    updated_at text not null
);

-- Every add, update and delete, in order: the changes feed and the audit trail read it.
create table annotation_changes (
    seq integer not null primary key,
    kind text not null check (kind in ('added', 'updated', 'deleted')),
    annotation_id integer not null,
    date text not null,
    end_date text,
    symbol text,
    text text not null,
    author text not null,
    created_at text not null,
    updated_at text not null,
    changed_by text not null,
    changed_at text not null
);

create index annotation_changes_by_annotation on annotation_changes (annotation_id, seq);
