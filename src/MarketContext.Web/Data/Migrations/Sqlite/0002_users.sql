create table users (
    id integer not null primary key,
    name text not null unique,
    password_hash text not null,
    role text not null check (role in ('viewer', 'editor', 'admin')),
    created_at text not null
);

-- Only a hash of each token is kept: a stolen database does not hand out working tokens.
create table api_tokens (
    id integer not null primary key,
    user_id integer not null references users (id),
    token_hash text not null unique,
    created_at text not null
);
