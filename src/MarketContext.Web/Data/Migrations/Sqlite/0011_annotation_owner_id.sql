-- An annotation belongs to the account that wrote it, by id: a user removed and a name created again are two people.
-- SQLite hands a deleted largest rowid out again, so users get AUTOINCREMENT ids first, which are never reused. The
-- tables are rebuilt children first: the tokens wait in a table without a reference while users is replaced.
create table api_tokens_kept as select id, user_id, token_hash, created_at, expires_at, last_used_at, revoked_at from api_tokens;

drop table api_tokens;

create table users_by_id (
    id integer not null primary key autoincrement,
    name text not null unique,
    password_hash text not null,
    role text not null check (role in ('viewer', 'editor', 'admin')),
    created_at text not null,
    security_stamp text not null default ''
);

insert into users_by_id (id, name, password_hash, role, created_at, security_stamp)
    select id, name, password_hash, role, created_at, security_stamp from users;

drop table users;

alter table users_by_id rename to users;

create table api_tokens (
    id integer not null primary key,
    user_id integer not null references users (id),
    token_hash text not null unique,
    created_at text not null,
    expires_at text,
    last_used_at text,
    revoked_at text
);

insert into api_tokens (id, user_id, token_hash, created_at, expires_at, last_used_at, revoked_at)
    select id, user_id, token_hash, created_at, expires_at, last_used_at, revoked_at from api_tokens_kept;

drop table api_tokens_kept;

-- Existing notes go to the account of their author's name that existed when they were written; notes of removed
-- users belong to nobody, and only an admin changes them.
alter table annotations add column author_id integer;

update annotations set author_id = (
    select u.id from users u where u.name = annotations.author and u.created_at <= annotations.created_at);
