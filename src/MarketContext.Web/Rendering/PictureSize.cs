using System.Globalization;
using MarketContext.Web.Http;

namespace MarketContext.Web.Rendering;

/// <summary>The bounds every drawn picture keeps to, whichever feature draws it.</summary>
public static class PictureSize
{
    public const int MinWidth = 320, MaxWidth = 4000, MinHeight = 240, MaxHeight = 3000;

    /// <summary>Pixels of one picture, scale² included: a 16-megapixel bitmap and its PNG buffers are ~0.1 GB.</summary>
    public const long MaxPixels = 16_000_000;

    /// <summary>Width × height × scale² within <see cref="MaxPixels"/>, or an error saying the limit.</summary>
    public static void CheckPixels(int width, int height, int scale, List<FieldError> errors)
    {
        var pixels = (long)width * height * scale * scale;
        if (pixels > MaxPixels)
        {
            errors.Add(new FieldError(string.Create(CultureInfo.InvariantCulture,
                $"width × height × scale² is {pixels:N0} pixels; the limit is {MaxPixels:N0} (e.g. 4000 × 3000 at scale 1, 2000 × 2000 at scale 2)."),
                Field: "width"));
        }
    }
}

/// <summary>One font for every picture. The default resolves to a serif face on Debian; DejaVu Sans ships with the fonts-dejavu-core package.</summary>
public static class PictureFonts
{
    public const string Family = "DejaVu Sans";

    public static void Ensure() => ScottPlot.Fonts.Default = Family;
}
