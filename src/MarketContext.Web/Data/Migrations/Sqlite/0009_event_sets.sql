-- Sets of events that users build. A set's current version is in event_sets; each version's title, description
-- and categories, with who made it and when, in event_set_versions. Each state of an event is one row of
-- event_versions, valid from the set version that wrote it until the one that replaced or deleted it (null while
-- current): reading the set as it was at version N is one range query, as cheap as reading it now.
create table event_sets (
    id integer not null primary key,
    slug text not null unique,
    owner text not null,
    -- The owner's account, by id: a name given again to a new account does not inherit the set. Null: admins only.
    owner_id integer,
    version integer not null,
    created_at text not null,
    deleted_at text
);

create table event_set_versions (
    set_id integer not null references event_sets (id),
    version integer not null,
    kind text not null,
    detail text not null,
    title text not null,
    description text not null,
    categories text not null,
    changed_by text not null,
    changed_at text not null,
    primary key (set_id, version)
);

create table event_versions (
    set_id integer not null references event_sets (id),
    event_id text not null,
    valid_from integer not null,
    valid_to integer,
    body text not null,
    primary key (set_id, event_id, valid_from)
);

create index event_versions_from on event_versions (set_id, valid_from);
create index event_versions_to on event_versions (set_id, valid_to);
