using System.Net;
using System.Net.Http.Json;
using Dapper;
using MarketContext.Web.Data;
using MarketContext.Web.Features.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace MarketContext.Web.Tests.Features.Annotations;

/// <summary>An annotation is its author's account's, not any account that later bears the same name.</summary>
public sealed class OwnershipTests
{
    private static readonly object Note = new { date = "2020-02-13", text = "Indictment unsealed" };

    private static HttpClient As(MarketContextFactory factory, string name, string role = "editor") => factory.Authorize(factory.CreateClient(), name, role);

    private static async Task<long> AddAsync(HttpClient client) =>
        (await (await client.PostAsJsonAsync("/api/annotations", Note)).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt64();

    [Fact]
    public async Task A_name_created_again_after_its_user_was_removed_neither_edits_nor_deletes_that_users_notes()
    {
        using var folder = new TempFolder();
        await using var factory = MarketContextFactory.In(folder);
        var users = factory.Services.GetRequiredService<UserStore>();
        using var original = As(factory, "own-olga");
        var id = await AddAsync(original);
        await users.RemoveAsync("own-olga", "test");
        using var impostor = As(factory, "own-olga");
        using var admin = As(factory, "own-admin", "admin");

        var edit = await impostor.PutAsJsonAsync($"/api/annotations/{id}", new { date = "2020-02-13", text = "rewritten" });
        var delete = await impostor.DeleteAsync($"/api/annotations/{id}");
        var ownNote = await AddAsync(impostor);
        var ownEdit = await impostor.PutAsJsonAsync($"/api/annotations/{ownNote}", new { date = "2020-02-14", text = "mine" });
        var adminEdit = await admin.PutAsJsonAsync($"/api/annotations/{id}", new { date = "2020-02-13", text = "kept by the admin" });

        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ownEdit.StatusCode);
        Assert.Equal(HttpStatusCode.OK, adminEdit.StatusCode);
        var stored = await admin.GetJsonAsync("/api/annotations");
        Assert.Contains(stored.EnumerateArray(), a => a.GetProperty("id").GetInt64() == id && a.Str("text") == "kept by the admin" && a.Str("author") == "own-olga");
    }

    [Fact]
    public async Task The_migration_gives_existing_notes_to_the_account_that_bore_the_name_when_they_were_written()
    {
        using var folder = new TempFolder();
        var clock = new ManualTimeProvider();
        await using var factory = MarketContextFactory.In(folder, clock: clock);
        var users = factory.Services.GetRequiredService<UserStore>();
        using var ann = As(factory, "mig-ann");
        using var bob = As(factory, "mig-bob");
        var annNote = await AddAsync(ann);
        var bobNote = await AddAsync(bob);
        await users.RemoveAsync("mig-bob", "test");
        clock.Advance(TimeSpan.FromMinutes(1));
        var newBob = await users.AddAsync("mig-bob", "password-of-new-bob", Roles.Editor);
        var annId = (await users.FindAsync("mig-ann"))!.Id;

        // The database as it was before owners were kept by id, then brought up to date again.
        var db = factory.Services.GetRequiredService<Db>();
        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync("alter table annotations drop column author_id");
        if (db.Dialect == SqlDialect.Sqlite)
        {
            // The tables the migration rebuilds, as they were.
            await connection.ExecuteAsync("""
                create table tokens_before as select id, user_id, token_hash, created_at, expires_at, last_used_at, revoked_at from api_tokens;
                drop table api_tokens;
                create table users_before (id integer not null primary key, name text not null unique, password_hash text not null,
                    role text not null, created_at text not null, security_stamp text not null default '');
                insert into users_before select id, name, password_hash, role, created_at, security_stamp from users;
                drop table users;
                alter table users_before rename to users;
                create table api_tokens (id integer not null primary key, user_id integer not null references users (id),
                    token_hash text not null unique, created_at text not null, expires_at text, last_used_at text, revoked_at text);
                insert into api_tokens (id, user_id, token_hash, created_at, expires_at, last_used_at, revoked_at) select id, user_id, token_hash, created_at, expires_at, last_used_at, revoked_at from tokens_before;
                drop table tokens_before;
                """);
        }
        await connection.ExecuteAsync("delete from schema_migrations where version = 11");
        var applied = await Migrator.MigrateAsync(connection, db.Dialect);
        var owners = (await connection.QueryAsync<(long Id, long? AuthorId)>("select id, author_id from annotations")).ToDictionary(r => r.Id, r => r.AuthorId);

        Assert.Equal(1, applied);
        Assert.Equal(annId, owners[annNote]);
        Assert.Null(owners[bobNote]);
        Assert.NotEqual(0, newBob.Id);
    }
}
