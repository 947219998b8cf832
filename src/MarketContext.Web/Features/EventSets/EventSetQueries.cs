using System.ComponentModel;
using MarketContext.Web.Http.Contract;
using Microsoft.AspNetCore.Mvc;

namespace MarketContext.Web.Features.EventSets;

/// <summary>A set as it was at a version.</summary>
public sealed class EventSetVersionQuery
{
    [FromQuery(Name = "version"), WholeNumber(1, long.MaxValue), Description("The set's version to read; default: its current one.")]
    public QueryNumber? Version { get; init; }
}

/// <summary>A set's events at a version, of some stages and categories.</summary>
public sealed class SetEventListQuery
{
    [FromQuery(Name = "version"), WholeNumber(1, long.MaxValue), Description("The set's version to read; default: its current one.")]
    public QueryNumber? Version { get; init; }

    [FromQuery(Name = "stage"), Description("Comma-separated stages (rumour, proposal, decision, implementation, reversal, other); default: every stage.")]
    public string? Stage { get; init; }

    [FromQuery(Name = "category"), Description("Comma-separated category ids of the set; default: every category.")]
    public string? Category { get; init; }
}

/// <summary>Where a viewer that was away picks up a set's versions.</summary>
public sealed class EventSetChangesQuery
{
    [FromQuery(Name = "afterVersion"), WholeNumber(0, long.MaxValue), Description("The last version the viewer holds; default 0: every version.")]
    public QueryNumber? AfterVersion { get; init; }
}

/// <summary>An import, stored or only previewed.</summary>
public sealed class EventSetImportQuery
{
    [FromQuery(Name = "preview"), WellFormed, Description("true: check the file and say what it would change, storing nothing.")]
    public QueryFlag? Preview { get; init; }
}
