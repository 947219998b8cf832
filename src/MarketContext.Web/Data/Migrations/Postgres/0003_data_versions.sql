-- Bumped in the same transaction as the data it stands for, so a picture's ETag changes exactly when its data does.
create table data_versions (
    name text not null primary key,
    version bigint not null
);

insert into data_versions (name, version) values ('prices', 0);
