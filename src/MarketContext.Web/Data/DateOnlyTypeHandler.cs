using System.Data;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace MarketContext.Web.Data;

/// <summary>
/// <see cref="DateOnly"/> (and <c>DateOnly?</c>) in the engine's own form: ISO <c>yyyy-MM-dd</c> text on SQLite (which
/// sorts and compares as the dates do), a <c>date</c> on PostgreSQL. Dapper's handlers are global per CLR type, so the
/// parameter tells the engine. A null is typed too: PostgreSQL would otherwise guess its type from the query.
/// </summary>
public sealed class DateOnlyTypeHandler : SqlMapper.ITypeHandler
{
    public static void Register()
    {
        var handler = new DateOnlyTypeHandler();
        SqlMapper.AddTypeHandler(typeof(DateOnly), handler);
        SqlMapper.AddTypeHandler(typeof(DateOnly?), handler);
    }

    public object Parse(Type destinationType, object value) => value switch
    {
        DateOnly d => d,
        DateTime dt => DateOnly.FromDateTime(dt),
        string s => DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => throw new DataException($"Cannot read {value.GetType().Name} as a date."),
    };

    public void SetValue(IDbDataParameter parameter, object value)
    {
        if (parameter is SqliteParameter)
        {
            parameter.DbType = DbType.String;
            parameter.Value = value is DateOnly d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : DBNull.Value;
            return;
        }
        parameter.DbType = DbType.Date;
        parameter.Value = value is DateOnly date ? date : DBNull.Value;
    }
}
