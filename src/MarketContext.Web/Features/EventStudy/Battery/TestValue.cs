namespace MarketContext.Web.Features.EventStudy.Battery;

/// <summary>A test's statistic and two-sided p-value; both null when the statistic is undefined (e.g. a zero spread).</summary>
public readonly record struct TestValue(double? Statistic, double? PValue)
{
    public static readonly TestValue Undefined = new(null, null);

    public static TestValue StandardNormal(double z) =>
        double.IsFinite(z) ? new TestValue(z, Normal.TwoSidedPValue(z)) : Undefined;

    public static TestValue StudentT(double t, double degreesOfFreedom) =>
        double.IsFinite(t) && degreesOfFreedom > 0 ? new TestValue(t, EventStudy.StudentT.TwoSidedPValue(t, degreesOfFreedom)) : Undefined;
}
