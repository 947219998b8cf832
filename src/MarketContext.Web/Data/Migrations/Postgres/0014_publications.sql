-- A publication freezes a view under a slug and a number (/p/{slug}/{number}); republishing under the same slug adds
-- the next number and leaves the earlier ones as they were. Beside the furniture a reader sees, it keeps the view's
-- query as published, the same query with every pin written into it, and the pins themselves: the price vintage, the
-- event set at one version (slug@N), the annotations up to one seq, and the renderer that drew it.
create table publications (
    slug text not null,
    number integer not null,
    kind text not null,
    query text not null,
    pinned_query text not null,
    title text not null,
    subtitle text,
    notes text,
    source text,
    byline text,
    licence text,
    alt_text text not null,
    price_vintage bigint not null,
    event_set text not null,
    annotation_seq bigint not null,
    renderer_version text not null,
    published_at timestamptz not null,
    published_by text not null,
    primary key (slug, number)
);

create index publications_by_time on publications (published_at);

-- What a publication serves, drawn once when it was published and never again: one row per format and theme
-- (theme '' for a format without one), the bytes with their SHA-256 (the strong ETag) and media type.
create table publication_outputs (
    slug text not null,
    number integer not null,
    format text not null,
    theme text not null,
    media_type text not null,
    bytes bytea not null,
    sha256 text not null,
    primary key (slug, number, format, theme),
    foreign key (slug, number) references publications (slug, number)
);
