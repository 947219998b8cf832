namespace MarketContext.Web.Features.EventStudy;

public enum ReturnKind
{
    Simple,
    Log,
}

/// <summary>
/// Window lengths in trading days. The estimation window covers relative days
/// −(Gap + Estimation) … −(Gap + 1); the event window covers −Pre … +Post. <see cref="CloseShiftMinutes"/> moves
/// announcements made that many minutes or less before a close to the next session; <see cref="FxFactor"/> adds the
/// exchange rate's return to the market model.
/// </summary>
public sealed record EventStudyParameters(
    int Pre = 5,
    int Post = 5,
    int Estimation = 120,
    int Gap = 10,
    ReturnKind Returns = ReturnKind.Simple,
    int CloseShiftMinutes = 0,
    bool FxFactor = false)
{
    public const int MaxWindowDays = 1000;
    public const int MinEstimationDays = 3;

    public int EventWindowLength => Pre + Post + 1;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the offending parameter.</summary>
    public void Validate()
    {
        EnsureInRange(Pre, 0, nameof(Pre), "days before day 0 in the event window");
        EnsureInRange(Post, 0, nameof(Post), "days after day 0 in the event window");
        EnsureInRange(Estimation, MinEstimationDays, nameof(Estimation), "days in the estimation window");
        EnsureInRange(Gap, 0, nameof(Gap), "days between the estimation window and day 0");

        // A pre-event day inside the estimation window would let the event's own move shape the
        // benchmark it is measured against.
        if (Pre > Gap)
        {
            throw new ArgumentOutOfRangeException(
                nameof(Pre),
                Pre,
                $"Pre ({Pre}) must not exceed Gap ({Gap}); otherwise the event window overlaps the estimation window, which ends at day -{Gap + 1}.");
        }

        if (CloseShiftMinutes < 0 || CloseShiftMinutes > Calendars.DayZeros.MaxCloseShiftMinutes)
        {
            throw new ArgumentOutOfRangeException(nameof(CloseShiftMinutes), CloseShiftMinutes,
                $"CloseShiftMinutes must be between 0 and {Calendars.DayZeros.MaxCloseShiftMinutes}, but was {CloseShiftMinutes}.");
        }

        if (!Enum.IsDefined(Returns))
        {
            throw new ArgumentOutOfRangeException(nameof(Returns), Returns, "Returns must be Simple or Log.");
        }
    }

    private static void EnsureInRange(int value, int min, string name, string meaning)
    {
        if (value < min || value > MaxWindowDays)
        {
            throw new ArgumentOutOfRangeException(
                name,
                value,
                $"{name} ({meaning}) must be between {min} and {MaxWindowDays} trading days, but was {value}.");
        }
    }
}
