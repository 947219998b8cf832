using Dapper;
using MarketContext.Web.Data;
using MarketContext.Web.Features.Annotations;
using MarketContext.Web.Features.Auth;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace MarketContext.Web.Tests.Data;

/// <summary>
/// PostgreSQL's own schema: every column has its intended type (the list below is the intent, written down, not read
/// from the code), and a database made before, with dates and timestamps as text and an identity on every key,
/// is moved to those types with its data unchanged, and goes on numbering after its ids. Runs on the real server of
/// scripts/start-services.sh in both test runs.
/// </summary>
public sealed class PostgresTypesTests : IDisposable
{
    private const string Timestamp = "timestamp with time zone";

    private static readonly string[] Intended =
    [
        "annotation_changes.seq bigint", "annotation_changes.kind text", "annotation_changes.annotation_id bigint",
        "annotation_changes.date date", "annotation_changes.end_date date", "annotation_changes.symbol text",
        "annotation_changes.text text", "annotation_changes.author text", $"annotation_changes.created_at {Timestamp}",
        $"annotation_changes.updated_at {Timestamp}", "annotation_changes.changed_by text", $"annotation_changes.changed_at {Timestamp}",
        "annotation_idempotency_keys.owner text", "annotation_idempotency_keys.idempotency_key text",
        "annotation_idempotency_keys.annotation_id bigint", $"annotation_idempotency_keys.created_at {Timestamp}",
        "annotation_outbox.seq bigint", "annotation_outbox.trace_parent text", "annotation_outbox.relayed_by text",
        "annotation_outbox.written_at bigint", "annotation_outbox.claimed_until bigint",
        "annotations.id bigint", "annotations.seq bigint", "annotations.date date", "annotations.end_date date",
        "annotations.symbol text", "annotations.text text", "annotations.author text",
        $"annotations.created_at {Timestamp}", $"annotations.updated_at {Timestamp}", "annotations.author_id bigint",
        "api_tokens.id bigint identity", "api_tokens.user_id bigint", "api_tokens.token_hash text", $"api_tokens.created_at {Timestamp}",
        $"api_tokens.expires_at {Timestamp}", $"api_tokens.last_used_at {Timestamp}", $"api_tokens.revoked_at {Timestamp}",
        "audit_log.id bigint identity", $"audit_log.at {Timestamp}", "audit_log.actor text", "audit_log.action text",
        "audit_log.target text", "audit_log.detail text",
        "data_protection_keys.id bigint identity", "data_protection_keys.friendly_name text", "data_protection_keys.xml text",
        $"data_protection_keys.created_at {Timestamp}",
        "data_versions.name text", "data_versions.version bigint",
        "event_set_versions.set_id bigint", "event_set_versions.version bigint", "event_set_versions.kind text",
        "event_set_versions.detail text", "event_set_versions.title text", "event_set_versions.description text",
        "event_set_versions.categories text", "event_set_versions.changed_by text", $"event_set_versions.changed_at {Timestamp}",
        "event_sets.id bigint identity", "event_sets.slug text", "event_sets.owner text", "event_sets.owner_id bigint",
        "event_sets.version bigint", $"event_sets.created_at {Timestamp}", $"event_sets.deleted_at {Timestamp}",
        "event_versions.set_id bigint", "event_versions.event_id text", "event_versions.valid_from bigint",
        "event_versions.valid_to bigint", "event_versions.body text",
        "instrument_figures.symbol text", "instrument_figures.first_date date", "instrument_figures.last_date date",
        "instrument_figures.row_count bigint", "instrument_figures.version bigint",
        "instruments.symbol text", "instruments.name text", "instruments.currency text", "instruments.role text",
        "instruments.exchange text", "instruments.company text", "instruments.currency_source text",
        "price_revisions.symbol text", "price_revisions.date date", "price_revisions.open double precision",
        "price_revisions.high double precision", "price_revisions.low double precision", "price_revisions.close double precision",
        "price_revisions.adj_close double precision", "price_revisions.volume bigint", "price_revisions.valid_from bigint",
        "price_revisions.valid_to bigint",
        "price_vintages.id bigint identity", "price_vintages.symbol text", $"price_vintages.imported_at {Timestamp}",
        "price_vintages.imported_by text", "price_vintages.producer text", "price_vintages.format text", "price_vintages.source text",
        "price_vintages.sha256 text", "price_vintages.overrides text", "price_vintages.inserted bigint", "price_vintages.revised bigint",
        "price_vintages.unchanged bigint",
        "prices.symbol text", "prices.date date", "prices.open double precision", "prices.high double precision",
        "prices.low double precision", "prices.close double precision", "prices.adj_close double precision", "prices.volume bigint",
        "prices.vintage_id bigint",
        "publication_outputs.slug text", "publication_outputs.number integer", "publication_outputs.format text", "publication_outputs.theme text",
        "publication_outputs.media_type text", "publication_outputs.bytes bytea", "publication_outputs.sha256 text",
        "publications.slug text", "publications.number integer", "publications.kind text", "publications.query text", "publications.pinned_query text",
        "publications.title text", "publications.subtitle text", "publications.notes text", "publications.source text", "publications.byline text",
        "publications.licence text", "publications.alt_text text", "publications.price_vintage bigint", "publications.event_set text",
        "publications.annotation_seq bigint", "publications.renderer_version text", $"publications.published_at {Timestamp}", "publications.published_by text",
        "schema_migrations.version bigint", "schema_migrations.name text", $"schema_migrations.applied_at {Timestamp}",
        "users.id bigint identity", "users.name text", "users.password_hash text", "users.role text", $"users.created_at {Timestamp}",
        "users.security_stamp text",
    ];

    private const string ColumnsSql = """
        select table_name || '.' || column_name || ' ' || data_type || case when is_identity = 'YES' then ' identity' else '' end
        from information_schema.columns where table_schema = current_schema() order by table_name, ordinal_position
        """;

    // The ledger as the migrator made it on PostgreSQL before each engine had its own DDL.
    private const string OldLedgerSql = """
        create table schema_migrations (
            version bigint generated by default as identity primary key,
            name text not null,
            applied_at text not null
        )
        """;

    // Rows as the app wrote them then: dates and timestamps as text (a timestamptz parameter cast to text, ISO 8601
    // with Z, the round-trip "O" form, Microsoft.Data.Sqlite's form without a zone that a copied SQLite file brought),
    // ids from the identities where the database gave them.
    private const string OldRowsSql = """
        insert into instruments (symbol, name, currency, role) values ('OLD', 'Old Co', 'USD', 'vendor');
        insert into prices (symbol, date, open, high, low, close, adj_close, volume) values
            ('OLD', '2020-03-02', 1.5, 2, 1, 1.75, 1.7, 1000), ('OLD', '2020-03-03', null, null, null, 1.8, null, null);
        insert into instrument_figures (symbol, first_date, last_date, row_count, version) values ('OLD', '2020-03-02', '2020-03-03', 2, 1);
        insert into users (name, password_hash, role, created_at, security_stamp) values
            ('old-admin', 'x', 'admin', '2020-01-02T03:04:05.678Z', 's1'), ('old-editor', 'x', 'editor', '2020-01-02 03:04:06.25+00', 's2');
        insert into api_tokens (user_id, token_hash, created_at, expires_at, last_used_at) values
            (2, 'h1', '2020-01-03T00:00:00.000Z', '2030-01-03T00:00:00.000Z', '2020-01-05 06:07:08.9');
        insert into annotation_changes (seq, kind, annotation_id, date, end_date, symbol, text, author, created_at, updated_at, changed_by, changed_at) values
            (6, 'deleted', 4, '2020-03-20', null, null, 'Gone', 'old-editor', '2020-03-21T09:00:00.000Z', '2020-03-21T09:00:00.000Z', 'old-editor', '2020-03-22T09:00:00.000Z'),
            (7, 'added', 5, '2020-03-23', '2020-03-27', 'OLD', 'Kept', 'old-editor', '2020-03-24T10:00:00.123Z', '2020-03-24T10:00:00.123Z', 'old-editor', '2020-03-24T10:00:00.123Z');
        insert into annotations (id, seq, date, end_date, symbol, text, author, created_at, updated_at) values
            (5, 7, '2020-03-23', '2020-03-27', 'OLD', 'Kept', 'old-editor', '2020-03-24T10:00:00.123Z', '2020-03-24T10:00:00.123Z');
        insert into audit_log (at, actor, action, target, detail) values
            ('2020-01-02T03:04:05.678Z', 'command line', 'user added', 'old-admin', 'role admin'),
            ('2020-01-02T03:04:06.000Z', 'command line', 'user added', 'old-editor', 'role editor');
        """;

    private readonly TempFolder _folder = new();

    public PostgresTypesTests()
    {
        DateOnlyTypeHandler.Register();
        UtcDateTimeTypeHandler.Register();
    }

    public void Dispose() => _folder.Dispose();

    private static DateTime Utc(int year, int month, int day, int hour, int minute, int second, int millisecond = 0) =>
        new(year, month, day, hour, minute, second, millisecond, DateTimeKind.Utc);

    [Fact]
    public async Task A_new_postgres_database_has_every_column_in_its_intended_type()
    {
        var db = Db.ForPostgres(TestDatabase.ConnectionStringFor(_folder.Combine("new")));
        await using (var connection = await db.OpenAsync())
        {
            await Migrator.MigrateAsync(connection, db.Dialect);
            Assert.Equal(Intended, await connection.QueryAsync<string>(ColumnsSql));
        }
        await db.DisposeAsync();
    }

    [Fact]
    public async Task A_database_made_with_text_dates_moves_to_typed_columns_with_its_data_and_goes_on_numbering()
    {
        var connectionString = TestDatabase.ConnectionStringFor(_folder.Combine("old"));
        await using (var old = new NpgsqlConnection(connectionString))
        {
            await old.OpenAsync();
            await old.ExecuteAsync(OldLedgerSql);
            foreach (var migration in Migrator.Migrations(SqlDialect.Postgres).Where(m => m.Version <= 7))
            {
                await old.ExecuteAsync(migration.Sql);
                await old.ExecuteAsync("insert into schema_migrations (version, name, applied_at) values (@Version, @Name, @AppliedAt)",
                    new { migration.Version, migration.Name, AppliedAt = "2020-01-01T00:00:00.1234560Z" });
            }
            await old.ExecuteAsync(OldRowsSql);
        }

        var db = Db.ForPostgres(connectionString);
        await using (var connection = await db.OpenAsync())
        {
            Assert.Equal(Migrator.Migrations(SqlDialect.Postgres).Count(m => m.Version > 7), await Migrator.MigrateAsync(connection, db.Dialect));
            Assert.Equal(Intended, await connection.QueryAsync<string>(ColumnsSql));
            var npgsql = (NpgsqlConnection)connection;
            Assert.Equal([new DateOnly(2020, 3, 2), new DateOnly(2020, 3, 3)],
                await ReadAsync<DateOnly>(npgsql, "select date from prices where symbol = 'OLD' order by date"));
            Assert.Equal([1.75, 1.8], await ReadAsync<double>(npgsql, "select close from prices where symbol = 'OLD' order by date"));
            Assert.Equal([new DateOnly(2020, 3, 2), new DateOnly(2020, 3, 3)],
                await ReadAsync<DateOnly>(npgsql, "select first_date from instrument_figures union all select last_date from instrument_figures"));
            Assert.Equal([Utc(2020, 1, 2, 3, 4, 5, 678), Utc(2020, 1, 2, 3, 4, 6, 250)], await ReadAsync<DateTime>(npgsql, "select created_at from users order by id"));
            Assert.Equal([Utc(2020, 1, 5, 6, 7, 8, 900)], await ReadAsync<DateTime>(npgsql, "select last_used_at from api_tokens"));
            Assert.Equal([Utc(2030, 1, 3, 0, 0, 0)], await ReadAsync<DateTime>(npgsql, "select expires_at from api_tokens"));
            Assert.Equal([Utc(2020, 3, 22, 9, 0, 0), Utc(2020, 3, 24, 10, 0, 0, 123)],
                await ReadAsync<DateTime>(npgsql, "select changed_at from annotation_changes order by seq"));
            Assert.Equal([Utc(2020, 1, 2, 3, 4, 5, 678), Utc(2020, 1, 2, 3, 4, 6)], await ReadAsync<DateTime>(npgsql, "select at from audit_log order by id"));
            Assert.Equal(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(1_234_560),
                (await ReadAsync<DateTime>(npgsql, "select applied_at from schema_migrations where version = 1")).Single());
        }
        await db.DisposeAsync();

        var settings = new Dictionary<string, string?> { ["MarketContext:Provider"] = "postgres", ["MarketContext:ConnectionString"] = connectionString };
        await using var app = new MarketContextFactory(_folder.Combine("unused.db"), _folder.Combine("no-prices"), keysDirectory: null, settings);
        var annotations = app.Services.GetRequiredService<AnnotationStore>();
        var users = app.Services.GetRequiredService<UserStore>();

        var kept = await annotations.FindAsync(5);
        Assert.Equal(new Annotation(5, 7, new DateOnly(2020, 3, 23), new DateOnly(2020, 3, 27), "OLD", "Kept", "old-editor",
            Utc(2020, 3, 24, 10, 0, 0, 123), Utc(2020, 3, 24, 10, 0, 0, 123)), kept);
        var added = await annotations.AddAsync(new ValidAnnotation(new DateOnly(2020, 4, 1), null, null, "After the move"), "old-editor", null);
        Assert.Equal((6L, 8L), (added.Id, added.Seq));
        Assert.Equal(added, await annotations.FindAsync(6));
        var user = await users.AddAsync("new-user", "a long password", Roles.Editor);
        Assert.Equal(3, user.Id);
        var token = await users.CreateTokenAsync(user);
        Assert.Equal([1L, 2L], (await users.ListTokensAsync()).Select(t => t.Id));
        Assert.Equal(user, await users.FindByTokenAsync(token));
        Assert.Equal([4L, 3L, 2L, 1L], (await app.Services.GetRequiredService<AuditLog>().LatestAsync()).Select(e => e.Id));
        var dates = await (await app.CreateClient().GetAsync("/api/annotations?from=2020-03-25&to=2020-03-31")).Content.ReadAsStringAsync();
        Assert.Contains("\"Kept\"", dates);
        Assert.DoesNotContain("After the move", dates);
    }

    private static async Task<List<T>> ReadAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<T>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetFieldValue<T>(0));
        }
        return values;
    }
}
