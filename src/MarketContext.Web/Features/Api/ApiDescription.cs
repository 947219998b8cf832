using System.Text.Json.Nodes;
using MarketContext.Web.Features.Auth;
using MarketContext.Web.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MarketContext.Web.Features.Api;

/// <summary>The body of every error answer (RFC 9457), as the document describes it.</summary>
internal sealed record ApiProblem(string? Type, string Title, int Status, string? Detail, IReadOnlyList<FieldError>? Errors);

/// <summary>
/// The OpenAPI 3 document of every <c>/api</c> route at <c>/openapi/v1.json</c>: parameters, answers, problem
/// details, and the bearer scheme that writes need (a signed-in browser may use its cookie and antiforgery token instead).
/// </summary>
public static partial class ApiDescription
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
                return Task.CompletedTask;
            });
            options.AddOperationTransformer(DescribeAsync);
        });

    public static IEndpointRouteBuilder MapApiDescription(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(DocumentPath.Replace("v1", "{documentName}", StringComparison.Ordinal)).AllowAnonymous();
        return app;
    }

    /// <summary>"PUT /api/annotations/{id}" for the relative path "api/annotations/{id:long}".</summary>
    internal static string RouteKey(string method, string relativePath) =>
        $"{method} /{RouteConstraint().Replace(relativePath, "}").TrimEnd('/')}";

    [System.Text.RegularExpressions.GeneratedRegex(@":[^}]*\}")]
    private static partial System.Text.RegularExpressions.Regex RouteConstraint();

    private static async Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var problem = await context.GetOrCreateSchemaAsync(typeof(ApiProblem), null, cancellationToken);
        operation.Responses ??= [];
        if (ApiOperations.ByRoute.TryGetValue(RouteKey(description.HttpMethod ?? "GET", description.RelativePath ?? ""), out var known))
        {
            operation.Summary = known.Summary;
            foreach (var parameter in known.Query ?? [])
            {
                operation.Parameters ??= [];
                if (!operation.Parameters.Any(p => p.Name == parameter.Name && p.In == ParameterLocation.Query))
                {
                    operation.Parameters.Add(Query(parameter));
                }
            }
            if (known.JsonBody is { } body)
            {
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(body, null, cancellationToken) },
                    },
                };
            }
            if (known.CsvBody)
            {
                operation.RequestBody = CsvUpload();
            }
            operation.Responses.Clear();
            foreach (var answer in known.Answers)
            {
                operation.Responses[answer.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)] =
                    await ResponseAsync(answer, problem, context, cancellationToken);
            }
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

    private static async Task<IOpenApiResponse> ResponseAsync(Answer answer, OpenApiSchema problem, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (answer.Status >= 400)
        {
            return Problem(answer.Description, problem);
        }
        var response = new OpenApiResponse { Description = answer.Description };
        if (answer.Json is { } type)
        {
            response.Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(type, null, cancellationToken) },
            };
        }
        else if (answer.ContentType is { } contentType)
        {
            response.Content = new Dictionary<string, OpenApiMediaType>
            {
                [contentType] = new()
                {
                    Schema = contentType == "application/json"
                        ? new OpenApiSchema { Type = JsonSchemaType.Object }
                        : new OpenApiSchema { Type = JsonSchemaType.String, Format = contentType.StartsWith("image/png", StringComparison.Ordinal) ? "binary" : null },
                },
            };
        }
        return response;
    }

    private static OpenApiResponse Problem(string description, OpenApiSchema schema) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { [ProblemJson] = new() { Schema = schema } },
    };

    private static OpenApiParameter Query(QueryParameter parameter) => new()
    {
        Name = parameter.Name,
        In = ParameterLocation.Query,
        Description = parameter.Description,
        Required = parameter.Required,
        Schema = new OpenApiSchema
        {
            Type = parameter.Type,
            Format = parameter.Format,
            Enum = parameter.Values?.Select(v => parameter.Type == JsonSchemaType.Integer ? JsonValue.Create(int.Parse(v, System.Globalization.CultureInfo.InvariantCulture)) : (JsonNode)JsonValue.Create(v)).ToList(),
        },
    };

    private static OpenApiRequestBody CsvUpload() => new()
    {
        Required = true,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["text/csv"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
            ["multipart/form-data"] = new()
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string> { "file" },
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "The price file." },
                    },
                },
            },
        },
    };
}
