namespace MarketContext.Web.Features.EventStudy;

public enum ReturnKind
{
    Simple,
    Log,
}

/// <summary>
/// Window lengths in trading days. The estimation window covers relative days
/// −(Gap + Estimation) … −(Gap + 1); the event window covers −Pre … +Post.
/// </summary>
public sealed record EventStudyParameters(
    int Pre = 5,
    int Post = 5,
    int Estimation = 120,
    int Gap = 10,
    ReturnKind Returns = ReturnKind.Simple)
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
