using System.Data;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace MarketContext.Web.Data;

/// <summary>
/// Timestamps are UTC: on SQLite text in the one form Microsoft.Data.Sqlite has always written here
/// (<c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c>, so text order is time order), on PostgreSQL a <c>timestamptz</c>; read back
/// as UTC either way. A null is typed too.
/// </summary>
public sealed class UtcDateTimeTypeHandler : SqlMapper.ITypeHandler
{
    public const string SqliteFormat = "yyyy-MM-dd HH:mm:ss.FFFFFFF";

    public static void Register()
    {
        var handler = new UtcDateTimeTypeHandler();
        // Dapper binds the types of its own map itself, past any handler: out of the map, so this handler binds them.
        SqlMapper.RemoveTypeMap(typeof(DateTime));
        SqlMapper.RemoveTypeMap(typeof(DateTime?));
        SqlMapper.AddTypeHandler(typeof(DateTime), handler);
        SqlMapper.AddTypeHandler(typeof(DateTime?), handler);
    }

    public object Parse(Type destinationType, object value) => value switch
    {
        DateTime dt => DateTime.SpecifyKind(dt, DateTimeKind.Utc),
        string s => ParseText(s),
        _ => throw new DataException($"Cannot read {value.GetType().Name} as a timestamp."),
    };

    /// <summary>
    /// Any timestamp text SQLite may hold, as UTC: the form above, and ISO 8601 with <c>T</c> and <c>Z</c> (the
    /// round-trip "O" form the migration ledger and the key ring once wrote).
    /// </summary>
    public static DateTime ParseText(string text) =>
        DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    public void SetValue(IDbDataParameter parameter, object value)
    {
        if (parameter is SqliteParameter)
        {
            parameter.DbType = DbType.String;
            parameter.Value = value is DateTime t ? t.ToUniversalTime().ToString(SqliteFormat, CultureInfo.InvariantCulture) : DBNull.Value;
            return;
        }
        parameter.DbType = DbType.DateTime;
        parameter.Value = value is DateTime time ? time.ToUniversalTime() : DBNull.Value;
    }
}
