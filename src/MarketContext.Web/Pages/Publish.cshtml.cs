using MarketContext.Web.Features.Auth;
using MarketContext.Web.Features.Publications;
using MarketContext.Web.Http;
using MarketContext.Web.Pages.Publications;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MarketContext.Web.Pages;

/// <summary>
/// The Publish form: the view a link brought (its kind and permalink query), previewed as it is now, with the
/// furniture to write and the alternative text its data gives. The publish itself is the API's, refusals and all:
/// each refusal is shown beside the field it names.
/// </summary>
[Authorize(Policy = AuthSetup.EditorPolicy)]
public sealed class PublishModel(PublishedViews views, PublicationStore store) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Query { get; set; }

    /// <summary>The publication this one may be the next number of (a republish link names it).</summary>
    [BindProperty(SupportsGet = true)] public string? Of { get; set; }

    /// <summary><c>new</c> for a new publication although <see cref="Of"/> was offered.</summary>
    [BindProperty] public string? As { get; set; }

    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Subtitle { get; set; }
    [BindProperty] public string? Notes { get; set; }
    [BindProperty] public string? Source { get; set; }
    [BindProperty] public string? Byline { get; set; }
    [BindProperty] public string? Licence { get; set; }
    [BindProperty] public string? AltText { get; set; }

    public bool AsNew => As == "new";
    public string? Message { get; private set; }
    public string? PreviewSrc { get; private set; }
    public int PreviewWidth { get; private set; }
    public int PreviewHeight { get; private set; }
    public string LiveView => PublishedScopes.LiveUrl(PublicationKinds.Parse(Kind) ?? PublicationKind.Chart, Query ?? "");
    public string KindName => PublicationKinds.Parse(Kind) is { } kind ? PublicationLinks.KindName(kind) : "a view";

    private readonly Dictionary<string, string> _errors = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The refusal of one field (query covers each of the query's keys and the kind), if any.</summary>
    public string? ErrorFor(string field) => _errors.GetValueOrDefault(field);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (Of is { } of && !await store.ExistsAsync(of, cancellationToken))
        {
            Of = null;
        }
        var (kind, errors) = PublicationRules.Validate(new PublicationInput(Kind, Query, Title: "-"));
        if (kind is null)
        {
            Refuse(errors);
            return;
        }
        var (view, refusal) = await views.FreezeAsync(kind.Value, Query!, cancellationToken);
        if (view is null)
        {
            Refuse(refusal!);
            return;
        }
        AltText = view.AltText;
        Preview(kind.Value);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var republish = AsNew ? null : Of;
        var input = new PublicationInput(Kind, Query, Title, Subtitle, Notes, Source, Byline, Licence, AltText, republish);
        var (kind, errors) = PublicationRules.Validate(input);
        if (republish is not null && !await store.ExistsAsync(republish, cancellationToken))
        {
            errors.Add(new($"There is no publication {republish} to publish again.", Field: "slug"));
        }
        var (view, refusal) = kind is null ? (null, null) : await views.FreezeAsync(kind.Value, Query!, cancellationToken);
        if (kind is null || errors.Count > 0 || view is null)
        {
            Refuse(errors);
            if (refusal is not null)
            {
                Refuse(refusal);
            }
            if (kind is not null && view is not null)
            {
                Preview(kind.Value);
            }
            Message = "Not published: the reasons are beside the fields.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var furniture = PublicationRules.Furniture(input, view.AltText);
        var at = store.PublishingTime();
        var stored = await store.AddAsync(republish ?? PublicationRules.SlugOf(furniture.Title), republish is not null,
            new NewPublication(kind.Value, Query!.Trim(), view.PinnedQuery, furniture, view.Pins, at, view.Draw(furniture, at)),
            Roles.ActorOf(User), HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown", cancellationToken);
        return Redirect(PublicationView.UrlOf(stored.Slug, stored.Number));
    }

    private void Preview(PublicationKind kind)
    {
        (PreviewSrc, var size) = PublicationLinks.Preview(kind, Query!);
        (PreviewWidth, PreviewHeight) = (size.Width, size.Height);
    }

    private void Refuse(IEnumerable<FieldError> errors)
    {
        foreach (var error in errors)
        {
            // The query's own keys and the kind are the view's, which the form shows as one: the link that brought it.
            var field = error.Field is { } named && (named.StartsWith("query", StringComparison.Ordinal) || named == "kind") ? "query" : error.Field ?? "";
            _errors[field] = _errors.TryGetValue(field, out var before) ? $"{before} {error.Message}" : error.Message;
        }
    }

    /// <summary>The API's own refusal, its errors beside their fields; a refusal naming none is the form's message.</summary>
    private void Refuse(IResult refusal)
    {
        if (refusal is ProblemHttpResult { ProblemDetails: var problem })
        {
            if (problem.Extensions.TryGetValue("errors", out var listed) && listed is IEnumerable<FieldError> errors && errors.Any())
            {
                Refuse(errors.Select(e => e with { Field = e.Field ?? "query" }));
                return;
            }
            Refuse([new FieldError(problem.Detail ?? problem.Title ?? "The view cannot be published.", Field: "query")]);
        }
    }
}
