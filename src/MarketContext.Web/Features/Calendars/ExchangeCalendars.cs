namespace MarketContext.Web.Features.Calendars;

/// <summary>
/// The exchange calendars the project ships, one file per exchange under <c>Exchanges/</c>, embedded in the
/// assembly and read once: they change only with a release, and each one's version says which file it was.
/// </summary>
public static class ExchangeCalendars
{
    private const string Prefix = "MarketContext.Web.Features.Calendars.Exchanges.";

    private static readonly Lazy<IReadOnlyDictionary<string, ExchangeCalendar>> Loaded = new(Load);

    /// <summary>Every calendar, by MIC.</summary>
    public static IReadOnlyList<ExchangeCalendar> All => [.. Loaded.Value.Values.OrderBy(c => c.Mic, StringComparer.Ordinal)];

    /// <summary>The calendar of an exchange (MIC, any case), or null when none is shipped.</summary>
    public static ExchangeCalendar? Find(string? mic) =>
        mic is not null && Loaded.Value.TryGetValue(mic.Trim().ToUpperInvariant(), out var calendar) ? calendar : null;

    private static IReadOnlyDictionary<string, ExchangeCalendar> Load()
    {
        var assembly = typeof(ExchangeCalendars).Assembly;
        var calendars = new Dictionary<string, ExchangeCalendar>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var bytes = new MemoryStream();
            stream.CopyTo(bytes);
            var calendar = ExchangeCalendar.Parse(bytes.ToArray());
            if (resource[Prefix.Length..] != calendar.Mic + ".json")
            {
                throw new InvalidDataException($"{resource} holds the calendar of {calendar.Mic}.");
            }
            calendars.Add(calendar.Mic, calendar);
        }
        return calendars;
    }
}
