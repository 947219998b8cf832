using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;

namespace MarketContext.Web.Http.Contract;

/// <summary>
/// Reads a typed query outside a route handler (a page that shows the same study as the API), with the same
/// parsers and the same rules the framework's binding and validation apply to the API's routes.
/// </summary>
public static class QueryReader
{
    public static (T? Query, List<FieldError> Errors) Read<T>(IQueryCollection query) where T : class, new()
    {
        var value = new T();
        foreach (var property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var name = property.GetCustomAttribute<FromQueryAttribute>()?.Name ?? property.Name;
            if (query[name].ToString() is not { Length: > 0 } text)
            {
                continue;
            }
            property.SetValue(value, property.PropertyType == typeof(string) ? text : Parse(property.PropertyType, text));
        }
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true);
        var errors = results.Select(r => new FieldError(r.ErrorMessage ?? "", Field: QueryText.FieldName(r.MemberNames.FirstOrDefault() ?? ""))).ToList();
        return errors.Count == 0 ? (value, errors) : (null, errors);
    }

    private static object? Parse(Type type, string text)
    {
        var tryParse = type.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), typeof(IFormatProvider), type.MakeByRefType()])
            ?? throw new InvalidOperationException($"{type.Name} is not a query value.");
        object?[] arguments = [text, null, null];
        tryParse.Invoke(null, arguments);
        return arguments[2];
    }
}
