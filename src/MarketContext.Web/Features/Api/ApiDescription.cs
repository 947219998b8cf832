using System.Text.Json.Nodes;
using MarketContext.Web.Features.Auth;
using MarketContext.Web.Http;
using MarketContext.Web.Http.Contract;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;

namespace MarketContext.Web.Features.Api;

/// <summary>The body of every error answer (RFC 9457), as the document describes it.</summary>
internal sealed record ApiProblem(string? Type, string Title, int Status, string? Detail, IReadOnlyList<FieldError>? Errors);

/// <summary>
/// The OpenAPI 3 document of every <c>/api</c> route at <c>/openapi/v1.json</c>: parameters, answers, problem
/// details, and the bearer scheme that writes need (a signed-in browser may use its cookie and antiforgery token instead).
/// </summary>
public static class ApiDescription
{
    public const string DocumentPath = "/openapi/v1.json";
    private const string Bearer = "Bearer";
    private const string ProblemJson = "application/problem+json";

    public static IServiceCollection AddApiDescription(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "MarketContext",
                    Version = "v1",
                    Description = "Prices, policy events, annotations, charts and event studies. Reads are anonymous unless the "
                        + "server requires sign-in; writes need an editor: Authorization: Bearer <token> (the tokens verb), or a "
                        + $"signed-in browser's cookie with the page's antiforgery token in the {AuthSetup.AntiforgeryHeader} header. "
                        + "Errors are application/problem+json; validation errors list errors: [{line?, field?, message}].",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "An API token from `tokens create --user <name>`.",
                };
                // The query values are described as what the caller writes (see QueryValueSchema), not as the types that carry them.
                foreach (var name in document.Components.Schemas?.Keys.Where(k => k.StartsWith("Query", StringComparison.Ordinal) || k == "ProblemDetails").ToList() ?? [])
                {
                    document.Components.Schemas!.Remove(name);
                }
                return Task.CompletedTask;
            });
            options.AddOperationTransformer(DescribeAsync);
        });

    public static IEndpointRouteBuilder MapApiDescription(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(DocumentPath.Replace("v1", "{documentName}", StringComparison.Ordinal)).AllowAnonymous();
        return app;
    }

    /// <summary>
    /// What the endpoints cannot say themselves: which routes need the bearer scheme and what they answer without it,
    /// the shape of the API's problems, and the schema of the query values the API parses itself.
    /// </summary>
    private static async Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var problem = await context.GetOrCreateSchemaAsync(typeof(ApiProblem), null, cancellationToken);
        operation.Responses ??= [];
        foreach (var (status, response) in operation.Responses.Where(r => r.Value is OpenApiResponse { Content: not null } && r.Value.Content!.ContainsKey(ProblemJson)).ToList())
        {
            operation.Responses[status] = Problem(response.Description ?? ReasonOf(status), problem);
        }
        foreach (var parameter in description.ParameterDescriptions.Where(p => typeof(IQueryValue).IsAssignableFrom(p.Type)))
        {
            if (operation.Parameters?.FirstOrDefault(p => p.Name == parameter.Name) is OpenApiParameter described)
            {
                var limits = (parameter.ParameterDescriptor as IParameterInfoParameterDescriptor)?.ParameterInfo.GetCustomAttributes(true).OfType<WholeNumberAttribute>().FirstOrDefault();
                described.Schema = QueryValueSchema(parameter.Type, limits);
            }
        }
        if (description.ActionDescriptor.EndpointMetadata.OfType<BodyMetadata>().FirstOrDefault() is { } body)
        {
            var schema = body.Type is { } type ? await context.GetOrCreateSchemaAsync(type, null, cancellationToken) : null;
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = body.ContentTypes.ToDictionary(contentType => contentType, contentType => new OpenApiMediaType
                {
                    Schema = schema ?? (contentType == "multipart/form-data" ? FileForm() : new OpenApiSchema { Type = JsonSchemaType.String }),
                }),
            };
        }
        var policy = description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>()
            .Select(a => a.Policy).FirstOrDefault(p => p is AuthSetup.EditorPolicy or AuthSetup.AdminPolicy);
        if (policy is not null)
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] }];
            operation.Responses["401"] = Problem("Not signed in: no valid bearer token or session cookie.", problem);
            operation.Responses["403"] = Problem(policy == AuthSetup.AdminPolicy
                ? "Signed in, but not an administrator."
                : "Signed in, but not an editor (or not the annotation's author).", problem);
            operation.Responses.TryAdd("400", Problem("A signed-in browser's write without a valid antiforgery token.", problem));
        }
        operation.Responses.TryAdd("500", Problem("An unexpected failure; nothing was changed.", problem));
    }

    private static string ReasonOf(string status) =>
        int.TryParse(status, System.Globalization.CultureInfo.InvariantCulture, out var code) ? ReasonPhrases.GetReasonPhrase(code) : status;

    /// <summary>A query value as the caller writes it: a whole number within its limits, a date, true or false, one of the names.</summary>
    private static OpenApiSchema QueryValueSchema(Type type, WholeNumberAttribute? limits) => type switch
    {
        _ when type == typeof(QueryNumber) => new()
        {
            Type = JsonSchemaType.Integer,
            Format = limits is { Min: >= int.MinValue, Max: <= int.MaxValue } ? "int32" : "int64",
            Minimum = limits?.Min.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Maximum = limits?.Max.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
        _ when type == typeof(QueryDate) => new() { Type = JsonSchemaType.String, Format = "date" },
        _ when type == typeof(QueryFlag) => new() { Type = JsonSchemaType.Boolean },
        // A vintage id or an ISO 8601 timestamp.
        _ when type == typeof(QueryAsOf) => new() { Type = JsonSchemaType.String, Pattern = @"^([1-9][0-9]*|[0-9]{4}-[0-9]{2}-[0-9]{2}T.+)$" },
        _ => new()
        {
            Type = JsonSchemaType.String,
            Enum = [.. ((IEnumerable<string>)type.GetProperty("Names")!.GetValue(null)!).Select(name => (JsonNode)JsonValue.Create(name))],
        },
    };

    private static OpenApiSchema FileForm() => new()
    {
        Type = JsonSchemaType.Object,
        Required = new HashSet<string> { "file" },
        Properties = new Dictionary<string, IOpenApiSchema> { ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
    };

    private static OpenApiResponse Problem(string description, OpenApiSchema schema) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { [ProblemJson] = new() { Schema = schema } },
    };
}
