-- An annotation belongs to the account that wrote it, by id: a user removed and a name created again are two people
-- (identity ids are never handed out twice). Existing notes go to the account of their author's name that existed
-- when they were written; notes of removed users belong to nobody, and only an admin changes them.
alter table annotations add column author_id bigint;

update annotations a set author_id = u.id from users u where u.name = a.author and u.created_at <= a.created_at;
