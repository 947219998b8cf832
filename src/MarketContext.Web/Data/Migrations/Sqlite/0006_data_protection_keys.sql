-- The data-protection key ring (sign-in cookies, antiforgery tokens) where every instance finds it: in the
-- database they share, so a browser signed in on one instance is recognised by all of them.
create table data_protection_keys (
    id integer not null primary key,
    friendly_name text not null,
    xml text not null,
    created_at text not null
);
