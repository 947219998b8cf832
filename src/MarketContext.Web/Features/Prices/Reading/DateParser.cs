using System.Runtime.CompilerServices;

namespace MarketContext.Web.Features.Prices.Reading;

/// <summary>Which of the first two numbers of a date like 03/04/2020 is the day.</summary>
public enum DateOrder { Unknown, MonthFirst, DayFirst }

/// <summary>
/// Dates as price files write them: ISO (with or without a time and zone, taken as written), compact
/// <c>yyyyMMdd</c>, numeric with the year last (two or four digits, the order given), and month names
/// (<c>Nov 27, 2020</c>, <c>27-Nov-2020</c>). Pure and allocation-free.
/// </summary>
public static class DateParser
{
    /// <summary>Two-digit years up to this one are 20xx, later ones 19xx: a price is never from the future.</summary>
    public static readonly int TwoDigitYearPivot = DateTime.UtcNow.Year % 100 + 1;

    private static ReadOnlySpan<byte> MonthNames => "janfebmaraprmayjunjulaugsepoctnovdec"u8;

    /// <summary>The shape of one date, for evidence: whether its first two numbers could swap, and how large they are.</summary>
    public readonly record struct Shape(bool YearLast, int First, int Second, bool Valid);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParse(ReadOnlySpan<byte> s, DateOrder order, out DateOnly date)
    {
        date = default;
        // The common case first: ISO, perhaps followed by a time and a zone (the exchange-local date as written).
        if (s.Length >= 10 && s[4] == (byte)'-' && s[7] == (byte)'-' && (s.Length == 10 || s[10] is (byte)' ' or (byte)'T'))
        {
            return Digits(s[..4], out var y) & Digits(s.Slice(5, 2), out var m) & Digits(s.Slice(8, 2), out var d)
                && Make(y, m, d, out date);
        }
        if (!Split(s, out var parts, out var count, out var monthName))
        {
            return false;
        }
        if (count != 3)
        {
            return count == 1 && parts.A.Length == 8 && Digits(parts.A, out var compact)
                && Make(compact / 10000, compact / 100 % 100, compact % 100, out date);
        }
        int year, month, day;
        if (monthName > 0)
        {
            // "Nov 27, 2020", "27 Nov 2020", "27-Nov-2020", "2020-Nov-27"
            var n1 = parts.MonthIndex == 0 ? parts.B : parts.A;
            var n2 = parts.MonthIndex == 2 ? parts.B : parts.C;
            if (!Digits(n1, out var a) || !Digits(n2, out var b))
            {
                return false;
            }
            month = monthName;
            (year, day) = n1.Length == 4 ? (a, b) : n2.Length is 4 or 2 && parts.MonthIndex != 2 ? (Year(b, n2.Length), a) : (-1, 0);
            return year > 0 && Make(year, month, day, out date);
        }
        if (!Digits(parts.A, out var first) || !Digits(parts.B, out var second) || !Digits(parts.C, out var third))
        {
            return false;
        }
        if (parts.A.Length == 4)
        {
            return Make(first, second, third, out date);
        }
        if (parts.C.Length is not (2 or 4) || order == DateOrder.Unknown)
        {
            return false;
        }
        (month, day) = order == DateOrder.MonthFirst ? (first, second) : (second, first);
        return Make(Year(third, parts.C.Length), month, day, out date);
    }

    /// <summary>What a date says about the order of day and month, before the order is known.</summary>
    public static Shape Inspect(ReadOnlySpan<byte> s)
    {
        if (TryParse(s, DateOrder.MonthFirst, out _) && IsOrderFree(s))
        {
            return new Shape(false, 0, 0, true);
        }
        if (Split(s, out var parts, out var count, out var monthName) && count == 3 && monthName == 0 && parts.A.Length <= 2
            && Digits(parts.A, out var a) && Digits(parts.B, out var b) && parts.C.Length is 2 or 4
            && (TryParse(s, DateOrder.MonthFirst, out _) || TryParse(s, DateOrder.DayFirst, out _)))
        {
            return new Shape(true, a, b, true);
        }
        return new Shape(false, 0, 0, false);
    }

    private static bool IsOrderFree(ReadOnlySpan<byte> s) =>
        !Split(s, out var parts, out var count, out var monthName) || count != 3 || monthName > 0 || parts.A.Length == 4;

    /// <summary>The pattern of one date as written, e.g. <c>M/d/yy</c>, for the report.</summary>
    public static string Describe(ReadOnlySpan<byte> s, DateOrder order)
    {
        var text = System.Text.Encoding.UTF8.GetString(s);
        if (s.Length > 10 && s[4] == (byte)'-' && s[7] == (byte)'-')
        {
            return "yyyy-MM-dd with a time" + (text.Length > 19 ? " and zone" : "") + " (the date as written)";
        }
        if (!Split(s, out var parts, out var count, out var monthName) || count != 3)
        {
            return count == 1 && s.Length == 8 ? "yyyyMMdd" : text;
        }
        char[] letters = parts.A.Length == 4 ? ['y', 'M', 'd']
            : monthName > 0 ? (parts.MonthIndex == 0 ? ['M', 'd', 'y'] : ['d', 'M', 'y'])
            : order == DateOrder.DayFirst ? ['d', 'M', 'y'] : ['M', 'd', 'y'];
        int[] lengths = [parts.A.Length, parts.B.Length, parts.C.Length];
        var result = new System.Text.StringBuilder();
        var position = 0;
        for (var i = 0; i < 3; i++)
        {
            var start = parts.Starts[i];
            result.Append(text, position, start - position);
            var isName = monthName > 0 && i == parts.MonthIndex;
            result.Append(letters[i], isName ? 3 : lengths[i]);
            position = start + lengths[i];
        }
        return result.Append(text, position, text.Length - position).ToString();
    }

    private ref struct Parts
    {
        public ReadOnlySpan<byte> A, B, C;
        public int MonthIndex;
        public (int, int, int) StartsTuple;
        public readonly int[] Starts => [StartsTuple.Item1, StartsTuple.Item2, StartsTuple.Item3];
    }

    /// <summary>Up to three runs of digits or letters; a time after them (after a space or a T) is ignored.</summary>
    private static bool Split(ReadOnlySpan<byte> s, out Parts parts, out int count, out int monthName)
    {
        parts = default;
        count = 0;
        monthName = 0;
        var i = 0;
        Span<int> starts = stackalloc int[3];
        while (i < s.Length && count < 3)
        {
            var b = s[i];
            if (char.IsAsciiDigit((char)b) || char.IsAsciiLetter((char)b))
            {
                var start = i;
                var digits = char.IsAsciiDigit((char)b);
                while (i < s.Length && (digits ? char.IsAsciiDigit((char)s[i]) : char.IsAsciiLetter((char)s[i])))
                {
                    i++;
                }
                var run = s[start..i];
                if (!digits)
                {
                    if (run.Length < 3 || monthName > 0 || MonthOf(run) is not (> 0 and var m))
                    {
                        return false;
                    }
                    monthName = m;
                    parts.MonthIndex = count;
                }
                starts[count] = start;
                switch (count++)
                {
                    case 0: parts.A = run; break;
                    case 1: parts.B = run; break;
                    default: parts.C = run; break;
                }
                continue;
            }
            if (b is not ((byte)'/' or (byte)'-' or (byte)'.' or (byte)' ' or (byte)','))
            {
                return false;
            }
            i++;
        }
        parts.StartsTuple = (starts[0], starts[1], starts[2]);
        // What follows three parts must be a time, not more date.
        return i == s.Length || s[i] is (byte)' ' or (byte)'T';
    }

    private static int MonthOf(ReadOnlySpan<byte> name)
    {
        Span<byte> lower = stackalloc byte[3];
        for (var i = 0; i < 3; i++)
        {
            lower[i] = (byte)(name[i] | 0x20);
        }
        var index = MonthNames.IndexOf(lower);
        // Only full names or their first three letters: "Nov", "November", "Sept" (a common long form).
        return index >= 0 && index % 3 == 0 && (name.Length == 3 || name.Length >= 4) ? index / 3 + 1 : 0;
    }

    private static int Year(int year, int digits) => digits == 2 ? (year <= TwoDigitYearPivot ? 2000 + year : 1900 + year) : year;

    private static bool Make(int year, int month, int day, out DateOnly date)
    {
        date = default;
        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }
        date = new DateOnly(year, month, day);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Digits(ReadOnlySpan<byte> s, out int value)
    {
        value = 0;
        if (s.IsEmpty || s.Length > 9)
        {
            return false;
        }
        foreach (var b in s)
        {
            var digit = b - (byte)'0';
            if ((uint)digit > 9)
            {
                return false;
            }
            value = value * 10 + digit;
        }
        return true;
    }
}
