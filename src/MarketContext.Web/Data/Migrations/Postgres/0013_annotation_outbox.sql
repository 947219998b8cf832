-- A change to an annotation is told to the live viewers after its transaction commits: the outbox row is written in
-- that transaction, the instance that wrote it relays it (to Redis, or to its own viewers) and deletes it once handed
-- over. claimed_until (Unix milliseconds) lets another instance take over rows whose writer stopped.
create table annotation_outbox (
    seq bigint not null primary key,
    trace_parent text,
    relayed_by text not null,
    written_at bigint not null,
    claimed_until bigint not null
);

-- The first answer to a POST with an Idempotency-Key, per account: the key names the annotation it created. Kept for a
-- bounded time (created_at), so a retry within it never stores twice.
create table annotation_idempotency_keys (
    owner text not null,
    idempotency_key text not null,
    annotation_id bigint not null,
    created_at timestamptz not null,
    primary key (owner, idempotency_key)
);

create index annotation_idempotency_keys_created on annotation_idempotency_keys (created_at);
