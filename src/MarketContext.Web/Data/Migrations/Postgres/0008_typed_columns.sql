-- Until now PostgreSQL had SQLite's columns: dates and timestamps as text, and an identity on every integer key.
-- Dates become date, timestamps timestamptz; identities stay only where the database hands out the id (users,
-- tokens, the audit log, the key ring): annotation ids, change seqs and migration versions are given by the app.
-- Safe to run on columns that already have their type (a re-run changes nothing).

-- The app wrote timestamps as ISO 8601 text with their zone ('…T…Z'); text without a zone was UTC too.
create function utc_timestamp_of(value text) returns timestamptz language sql immutable as $$
    select case when value ~ '[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?([zZ]|[+-][0-9]{2}(:?[0-9]{2})?)$'
        then value::timestamptz
        else value::timestamp at time zone 'UTC' end
$$;

alter table prices alter column date type date using date::date;

alter table instrument_figures
    alter column first_date type date using first_date::date,
    alter column last_date type date using last_date::date;

alter table annotations
    alter column id drop identity if exists,
    alter column date type date using date::date,
    alter column end_date type date using end_date::date,
    alter column created_at type timestamptz using utc_timestamp_of(created_at::text),
    alter column updated_at type timestamptz using utc_timestamp_of(updated_at::text);

alter table annotation_changes
    alter column seq drop identity if exists,
    alter column date type date using date::date,
    alter column end_date type date using end_date::date,
    alter column created_at type timestamptz using utc_timestamp_of(created_at::text),
    alter column updated_at type timestamptz using utc_timestamp_of(updated_at::text),
    alter column changed_at type timestamptz using utc_timestamp_of(changed_at::text);

alter table users alter column created_at type timestamptz using utc_timestamp_of(created_at::text);

alter table api_tokens
    alter column created_at type timestamptz using utc_timestamp_of(created_at::text),
    alter column expires_at type timestamptz using utc_timestamp_of(expires_at::text),
    alter column last_used_at type timestamptz using utc_timestamp_of(last_used_at::text),
    alter column revoked_at type timestamptz using utc_timestamp_of(revoked_at::text);

alter table audit_log alter column at type timestamptz using utc_timestamp_of(at::text);

alter table data_protection_keys alter column created_at type timestamptz using utc_timestamp_of(created_at::text);

alter table schema_migrations
    alter column version drop identity if exists,
    alter column applied_at type timestamptz using utc_timestamp_of(applied_at::text);

drop function utc_timestamp_of(text);
