-- Changed at every sign-out, role change, password change: a cookie made under another stamp no longer signs in.
alter table users add column security_stamp text not null default '';

-- Tokens expire and can be revoked; last use is kept to the hour so that a busy script does not write on every call.
alter table api_tokens add column expires_at text;
alter table api_tokens add column last_used_at text;
alter table api_tokens add column revoked_at text;

-- Who changed which account or token, when: read by admins.
create table audit_log (
    id integer not null primary key,
    at text not null,
    actor text not null,
    action text not null,
    target text not null,
    detail text not null
);

create index audit_log_by_time on audit_log (at);
