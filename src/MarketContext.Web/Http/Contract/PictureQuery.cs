using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using MarketContext.Web.Rendering;
using Microsoft.AspNetCore.Mvc;

namespace MarketContext.Web.Http.Contract;

/// <summary>The size of a picture a route draws: the same names, limits and messages on every picture route.</summary>
public abstract class PictureQuery : IValidatableObject
{
    [FromQuery(Name = "width"), PictureLimits.Width, Description("Width in pixels.")]
    public QueryNumber? Width { get; init; }

    [FromQuery(Name = "height"), PictureLimits.Height, Description("Height in pixels.")]
    public QueryNumber? Height { get; init; }

    [FromQuery(Name = "scale"), PictureLimits.Scale, Description("Pixel density of a PNG: 1, 2 or 3.")]
    public QueryNumber? Scale { get; init; }

    [FromQuery(Name = "download"), WellFormed, Description("true: Content-Disposition: attachment with a file name that says what it shows.")]
    public QueryFlag? Download { get; init; }

    /// <summary>The size a route draws when the query names none.</summary>
    protected abstract (int Width, int Height) DefaultSize();

    public ImageSize ImageSize() =>
        new(QueryNumber.Or(Width, DefaultSize().Width), QueryNumber.Or(Height, DefaultSize().Height), QueryNumber.Or(Scale, 1));

    public bool IsDownload() => QueryFlag.Or(Download, false);

    public virtual IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var size = ImageSize();
        var errors = new List<FieldError>();
        PictureSize.CheckPixels(size.Width, size.Height, size.Scale, errors);
        return errors.Select(e => new ValidationResult(e.Message, [e.Field!]));
    }
}

/// <summary>The size and the colour theme of a study's picture, as the page shows it in either theme.</summary>
public abstract class ThemedPictureQuery : PictureQuery
{
    [FromQuery(Name = "theme"), WellFormed, Description("light (default) or dark: the picture's colours, as the page shows them in either theme.")]
    public QueryChoice<ChartTheme>? Theme { get; init; }

    public ChartTheme PictureTheme() => QueryChoice<ChartTheme>.Or(Theme, ChartTheme.Light);
}
