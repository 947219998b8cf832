using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace MarketContext.Web.Features.Prices.Reading;

/// <summary>How one column writes its numbers: the decimal separator, the thousands separator, and whether the file proved it.</summary>
public readonly record struct NumberFormat(byte Decimal, byte Group, bool FromEvidence)
{
    public static NumberFormat Point(bool fromEvidence) => new((byte)'.', (byte)',', fromEvidence);

    public static NumberFormat Comma(bool fromEvidence) => new((byte)',', (byte)'.', fromEvidence);

    public string DecimalName => Decimal == (byte)',' ? "," : ".";

    public string GroupName => Group == (byte)',' ? "," : ".";
}

public enum NumberOutcome { Number, Empty, Invalid, Ambiguous }

/// <summary>
/// What the values of one column say about its separators. <c>13,335.68</c> or <c>9.950,8</c> say both;
/// <c>1.764.851.712</c> says the dot groups thousands; <c>13233.71</c> says the dot is decimal; <c>10.038</c>
/// says nothing (ten thousand and thirty-eight, or ten point zero three eight).
/// </summary>
public struct NumberEvidence
{
    public int PointDecimal;
    public int CommaDecimal;
    public int PointGroup;
    public int CommaGroup;
    public int Ambiguous;
    public int Grouped;
    public int Values;

    public void Add(ReadOnlySpan<byte> text)
    {
        var core = NumberParser.Core(text, out _, out _, allowSuffix: true);
        if (core.IsEmpty)
        {
            return;
        }
        Values++;
        var lastPoint = core.LastIndexOf((byte)'.');
        var lastComma = core.LastIndexOf((byte)',');
        if (lastPoint >= 0 && lastComma >= 0)
        {
            Grouped++;
            if (lastComma > lastPoint)
            {
                CommaDecimal++;
            }
            else
            {
                PointDecimal++;
            }
            return;
        }
        var (last, separator) = lastPoint >= 0 ? (lastPoint, (byte)'.') : (lastComma, (byte)',');
        if (last < 0)
        {
            return;
        }
        var exponent = core.IndexOfAny((byte)'e', (byte)'E');
        var digitsAfter = (exponent > last ? exponent : core.Length) - last - 1;
        if (core.Count(separator) > 1)
        {
            Grouped++;
            _ = separator == (byte)'.' ? PointGroup++ : CommaGroup++;
        }
        else if (digitsAfter != 3 || exponent > last)
        {
            _ = separator == (byte)'.' ? PointDecimal++ : CommaDecimal++;
        }
        else
        {
            Ambiguous++;
        }
    }

    public readonly bool SaysPoint => PointDecimal > 0 || CommaGroup > 0;

    public readonly bool SaysComma => CommaDecimal > 0 || PointGroup > 0;

    public readonly bool Conflicts => SaysPoint && SaysComma;

    /// <summary>The column's own verdict, or null when its values never say.</summary>
    public readonly NumberFormat? Decide() => Conflicts ? null : SaysPoint ? NumberFormat.Point(true) : SaysComma ? NumberFormat.Comma(true) : null;
}

/// <summary>Parses numbers once their column's format is decided: never a guess per value.</summary>
public static class NumberParser
{
    private static readonly double[] PowersOfTen =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static NumberOutcome Parse(ReadOnlySpan<byte> text, NumberFormat format, bool allowSuffix, out double value)
    {
        value = 0;
        var core = Core(text, out var negative, out var multiplier, allowSuffix);
        if (core.IsEmpty)
        {
            return NumberOutcome.Empty;
        }
        if (format.Decimal == (byte)'.' && !core.Contains(format.Group))
        {
            if (!format.FromEvidence && IsAmbiguous(core))
            {
                return NumberOutcome.Ambiguous;
            }
            if (!TryParseShortDecimal(core, out value)
                && !double.TryParse(core, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value))
            {
                return NumberOutcome.Invalid;
            }
        }
        else
        {
            if (!format.FromEvidence && IsAmbiguous(core))
            {
                return NumberOutcome.Ambiguous;
            }
            Span<byte> plain = stackalloc byte[64];
            if (!Normalise(core, format, plain, out var length)
                || (!TryParseShortDecimal(plain[..length], out value)
                    && !double.TryParse(plain[..length], NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value)))
            {
                return NumberOutcome.Invalid;
            }
        }
        if (!double.IsFinite(value))
        {
            return NumberOutcome.Invalid;
        }
        value *= multiplier;
        if (negative)
        {
            value = -value;
        }
        return NumberOutcome.Number;
    }

    /// <summary>One separator followed by exactly three digits: a decimal or a thousands separator, the value alone cannot say.</summary>
    private static bool IsAmbiguous(ReadOnlySpan<byte> core)
    {
        var point = core.IndexOf((byte)'.');
        var comma = core.IndexOf((byte)',');
        if ((point >= 0) == (comma >= 0))
        {
            return false;
        }
        var at = point >= 0 ? point : comma;
        return core.Length - at - 1 == 3 && core[(at + 1)..].IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0 && core.LastIndexOf(core[at]) == at;
    }

    /// <summary>Drops thousands separators where they stand in groups of three and turns the decimal separator into a point.</summary>
    private static bool Normalise(ReadOnlySpan<byte> core, NumberFormat format, Span<byte> plain, out int length)
    {
        length = 0;
        if (core.Length > plain.Length)
        {
            return false;
        }
        var decimalAt = core.IndexOf(format.Decimal);
        var integer = decimalAt >= 0 ? core[..decimalAt] : core;
        if (decimalAt >= 0 && (core[(decimalAt + 1)..].Contains(format.Decimal) || core[(decimalAt + 1)..].Contains(format.Group)))
        {
            return false;
        }
        var firstGroup = integer.IndexOf(format.Group);
        if (firstGroup >= 0)
        {
            // The first group has one to three digits, every later one exactly three.
            if (firstGroup is 0 or > 3)
            {
                return false;
            }
            for (var rest = integer[firstGroup..]; !rest.IsEmpty; rest = rest[4..])
            {
                if (rest.Length < 4 || rest[0] != format.Group || rest.Slice(1, 3).Contains(format.Group))
                {
                    return false;
                }
            }
        }
        foreach (var b in core)
        {
            if (b != format.Group)
            {
                plain[length++] = b == format.Decimal ? (byte)'.' : b;
            }
        }
        return true;
    }

    /// <summary>The number without its sign, currency sign and size suffix (<c>224.60M</c>); empty for the usual ways of writing nothing.</summary>
    public static ReadOnlySpan<byte> Core(ReadOnlySpan<byte> text, out bool negative, out double multiplier, bool allowSuffix)
    {
        negative = false;
        multiplier = 1;
        var s = text.Trim(" "u8);
        if (s.Length > 0 && s[0] is (byte)'-' or (byte)'+' && s.Length > 1)
        {
            negative = s[0] == (byte)'-';
            s = s[1..];
        }
        if (s.Length > 0 && s[0] == (byte)'$')
        {
            s = s[1..].TrimStart(" "u8);
            if (s.Length > 1 && s[0] == (byte)'-')
            {
                negative = true;
                s = s[1..];
            }
        }
        if (allowSuffix && s.Length > 1 && char.IsAsciiDigit((char)s[^2]))
        {
            multiplier = (s[^1] | 0x20) switch { 'k' => 1e3, 'm' => 1e6, 'b' => 1e9, _ => 1 };
            if (multiplier > 1)
            {
                s = s[..^1];
            }
        }
        if (s.IsEmpty || s.SequenceEqual("-"u8) || Ascii.EqualsIgnoreCase(s, "null"u8))
        {
            return default;
        }
        return s;
    }

    /// <summary>
    /// Plain decimals such as <c>12.345600</c>, the whole of a normal price file, about ten times faster than the
    /// general parser: at most 15 significant digits and 22 decimals make the digits and the power of ten exact
    /// doubles, so one division gives the correctly rounded value, the very double the general parser gives
    /// (Clinger's fast path). Anything else (exponents, thousands separators, long digit strings) answers false.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseShortDecimal(ReadOnlySpan<byte> s, out double value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (s.Length > 0 && s[0] is (byte)'-' or (byte)'+')
        {
            negative = s[0] == (byte)'-';
            i = 1;
        }
        long digits = 0;
        var significant = 0;
        var decimals = -1;
        var any = false;
        for (; i < s.Length; i++)
        {
            var b = s[i];
            if (b == (byte)'.' && decimals < 0)
            {
                decimals = 0;
                continue;
            }
            var digit = b - (byte)'0';
            if ((uint)digit > 9)
            {
                return false;
            }
            any = true;
            if (digits != 0 || digit != 0)
            {
                if (++significant > 15)
                {
                    return false;
                }
            }
            digits = digits * 10 + digit;
            if (decimals >= 0 && ++decimals > 22)
            {
                return false;
            }
        }
        if (!any)
        {
            return false;
        }
        value = decimals > 0 ? digits / PowersOfTen[decimals] : digits;
        if (negative)
        {
            value = -value;
        }
        return true;
    }
}
