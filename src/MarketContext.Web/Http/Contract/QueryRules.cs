using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace MarketContext.Web.Http.Contract;

/// <summary>
/// A whole number within limits. A <see cref="RangeAttribute"/>, so the OpenAPI document shows the limits it checks;
/// one attribute per kind of parameter keeps one set of limits and one message wherever the parameter is taken.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public class WholeNumberAttribute : RangeAttribute
{
    public long Min { get; }
    public long Max { get; }

    public WholeNumberAttribute(long min, long max)
        : base(typeof(long), min.ToString(CultureInfo.InvariantCulture), max.ToString(CultureInfo.InvariantCulture))
    {
        (Min, Max) = (min, max);
        ParseLimitsInInvariantCulture = true;
    }

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is not QueryNumber number || number.Value is { } n && n >= Min && n <= Max)
        {
            return ValidationResult.Success;
        }
        var field = QueryText.FieldName(validationContext.MemberName ?? validationContext.DisplayName);
        return new ValidationResult(
            string.Create(CultureInfo.InvariantCulture, $"{field} {QueryText.Quote(number.Text)} must be a whole number from {Min} to {Max}."),
            [validationContext.MemberName ?? field]);
    }
}

/// <summary>A value that parses as its kind: a date, true or false, one of the names.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class WellFormedAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        var field = QueryText.FieldName(validationContext.MemberName ?? validationContext.DisplayName);
        return value is IQueryValue query && query.Refusal(field) is { } refusal
            ? new ValidationResult(refusal, [validationContext.MemberName ?? field])
            : ValidationResult.Success;
    }
}

public static class PictureLimits
{
    /// <summary>The pixel density of a PNG.</summary>
    public sealed class ScaleAttribute() : WholeNumberAttribute(1, 3);

    public sealed class WidthAttribute() : WholeNumberAttribute(Rendering.PictureSize.MinWidth, Rendering.PictureSize.MaxWidth);

    public sealed class HeightAttribute() : WholeNumberAttribute(Rendering.PictureSize.MinHeight, Rendering.PictureSize.MaxHeight);
}
