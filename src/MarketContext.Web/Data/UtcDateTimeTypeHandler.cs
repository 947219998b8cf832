using System.Data;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace MarketContext.Web.Data;

/// <summary>
/// Timestamps are UTC: on SQLite ISO 8601 text with the <c>Z</c> and whole milliseconds (one format, so text order is
/// time order), on PostgreSQL a <c>timestamptz</c>; read back as UTC either way. A null is typed too.
/// </summary>
public sealed class UtcDateTimeTypeHandler : SqlMapper.ITypeHandler
{
    public const string SqliteFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static void Register()
    {
        var handler = new UtcDateTimeTypeHandler();
        SqlMapper.AddTypeHandler(typeof(DateTime), handler);
        SqlMapper.AddTypeHandler(typeof(DateTime?), handler);
    }

    public object Parse(Type destinationType, object value) => value switch
    {
        DateTime dt => DateTime.SpecifyKind(dt, DateTimeKind.Utc),
        string s => ParseText(s),
        _ => throw new DataException($"Cannot read {value.GetType().Name} as a timestamp."),
    };

    /// <summary>Any ISO 8601 text SQLite may hold (the app's own, the round-trip "O" form, Microsoft.Data.Sqlite's <c>yyyy-MM-dd HH:mm:ss</c>), as UTC.</summary>
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
