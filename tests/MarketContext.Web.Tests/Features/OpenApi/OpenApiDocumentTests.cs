using System.Globalization;
using System.Reflection;
using System.Text.Json;
using MarketContext.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace MarketContext.Web.Tests.Features.OpenApi;

/// <summary>The served OpenAPI document against the endpoints the app really maps.</summary>
public sealed class OpenApiDocumentTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<JsonElement> DocumentAsync() => await app.Client.GetJsonAsync("/openapi/v1.json");

    /// <summary>Every mapped <c>/api</c> endpoint as the document names it: method and path without route constraints.</summary>
    private List<(string Method, string Path, RouteEndpoint Endpoint)> ApiEndpoints() =>
    [
        .. app.Factory.Services.GetServices<EndpointDataSource>().SelectMany(source => source.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method => (method, PathOf(e.RoutePattern), e))),
    ];

    private static string PathOf(RoutePattern pattern) =>
        "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        }))));

    [Fact]
    public async Task Every_mapped_api_endpoint_is_in_the_document()
    {
        var paths = (await DocumentAsync()).GetProperty("paths");
        var endpoints = ApiEndpoints();

        Assert.True(endpoints.Count >= 20, $"only {endpoints.Count} /api endpoints found");
        var missing = endpoints.Where(e => !paths.TryGetProperty(e.Path, out var item) || !item.TryGetProperty(e.Method.ToLowerInvariant(), out _))
            .Select(e => $"{e.Method} {e.Path}").ToList();
        Assert.Empty(missing);
        Assert.All(paths.EnumerateObject(), path => Assert.StartsWith("/api/", path.Name, StringComparison.Ordinal));
        // Described, not only inferred: a summary and a success answer that says what it is.
        var undescribed = paths.EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Where(operation => operation.Value.Str("summary") is null || !operation.Value.GetProperty("responses").EnumerateObject().Any(r => r.Name.StartsWith('2')))
            .Select(operation => $"{operation.Name} {path.Name}")).ToList();
        Assert.Empty(undescribed);
    }

    [Fact]
    public async Task It_is_an_OpenAPI_3_document_with_the_bearer_scheme_on_every_write()
    {
        var document = await DocumentAsync();
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");

        Assert.StartsWith("3.", document.Str("openapi"), StringComparison.Ordinal);
        Assert.Equal("http", scheme.Str("type"));
        Assert.Equal("bearer", scheme.Str("scheme"));
        foreach (var (method, path, endpoint) in ApiEndpoints().Where(e => e.Endpoint.Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Any()))
        {
            var operation = document.GetProperty("paths").GetProperty(path).GetProperty(method.ToLowerInvariant());
            Assert.Contains(operation.GetProperty("security").EnumerateArray(), requirement => requirement.TryGetProperty("Bearer", out _));
            Assert.True(operation.GetProperty("responses").TryGetProperty("401", out _), $"{method} {path} has no 401");
        }
    }

    [Fact]
    public async Task Operations_name_their_parameters_answers_and_problems()
    {
        var paths = (await DocumentAsync()).GetProperty("paths");

        var chart = paths.GetProperty("/api/chart.png").GetProperty("get");
        Assert.Contains(chart.GetProperty("parameters").EnumerateArray(), p => p.Str("name") == "symbols" && p.Str("in") == "query");
        Assert.True(chart.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("image/png", out _));
        var problem = chart.GetProperty("responses").GetProperty("400").GetProperty("content").GetProperty("application/problem+json");
        Assert.Contains("errors", problem.GetRawText(), StringComparison.Ordinal);

        var study = paths.GetProperty("/api/event-study").GetProperty("get");
        Assert.Contains(study.GetProperty("parameters").EnumerateArray(), p => p.Str("name") == "symbol" && p.GetProperty("required").GetBoolean());
        Assert.True(study.GetProperty("responses").TryGetProperty("422", out _));

        var post = paths.GetProperty("/api/annotations").GetProperty("post");
        Assert.True(post.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.True(post.GetProperty("responses").GetProperty("201").GetProperty("content").TryGetProperty("application/json", out _));

        var delete = paths.GetProperty("/api/annotations/{id}").GetProperty("delete");
        Assert.True(delete.GetProperty("responses").TryGetProperty("204", out _));
        Assert.True(delete.GetProperty("responses").TryGetProperty("404", out _));

        var prices = paths.GetProperty("/api/series/{symbol}/prices").GetProperty("get");
        Assert.Contains(prices.GetProperty("parameters").EnumerateArray(), p => p.Str("name") == "symbol" && p.Str("in") == "path");
    }

    /// <summary>What each endpoint binds from the query: the properties of its <c>[AsParameters]</c> requests, by the names the query uses.</summary>
    private static List<string> BoundQueryNames(Endpoint endpoint) =>
    [
        .. (endpoint.Metadata.GetMetadata<MethodInfo>()?.GetParameters() ?? [])
            .Where(p => p.GetCustomAttribute<AsParametersAttribute>() is not null)
            .SelectMany(p => p.ParameterType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            .Select(p => p.GetCustomAttribute<FromQueryAttribute>()?.Name)
            .OfType<string>(),
    ];

    [Fact]
    public async Task Every_bound_query_parameter_body_and_declared_answer_is_in_the_document()
    {
        var paths = (await DocumentAsync()).GetProperty("paths");
        var missing = new List<string>();
        var checkedParameters = 0;

        foreach (var (method, path, endpoint) in ApiEndpoints())
        {
            var operation = paths.GetProperty(path).GetProperty(method.ToLowerInvariant());
            var parameters = operation.TryGetProperty("parameters", out var list) ? list.EnumerateArray().ToList() : [];
            foreach (var name in BoundQueryNames(endpoint))
            {
                checkedParameters++;
                if (!parameters.Any(p => p.Str("name") == name && p.Str("in") == "query"))
                {
                    missing.Add($"{method} {path}: query parameter {name}");
                }
            }
            var bodies = endpoint.Metadata.GetOrderedMetadata<IAcceptsMetadata>().SelectMany(a => a.ContentTypes)
                .Concat(endpoint.Metadata.GetOrderedMetadata<MarketContext.Web.Http.Contract.BodyMetadata>().SelectMany(b => b.ContentTypes));
            foreach (var contentType in bodies)
            {
                if (!operation.TryGetProperty("requestBody", out var body) || !body.GetProperty("content").TryGetProperty(contentType, out _))
                {
                    missing.Add($"{method} {path}: body {contentType}");
                }
            }
            foreach (var status in endpoint.Metadata.GetOrderedMetadata<IProducesResponseTypeMetadata>().Select(p => p.StatusCode).Distinct())
            {
                if (!operation.GetProperty("responses").TryGetProperty(status.ToString(CultureInfo.InvariantCulture), out _))
                {
                    missing.Add($"{method} {path}: answer {status}");
                }
            }
        }

        Assert.True(checkedParameters >= 80, $"only {checkedParameters} bound query parameters found");
        Assert.Empty(missing);
    }

    [Fact]
    public async Task The_chart_documents_every_view_parameter_it_reads_including_average()
    {
        var parameters = (await DocumentAsync()).GetProperty("paths").GetProperty("/api/chart.png").GetProperty("get").GetProperty("parameters")
            .EnumerateArray().Where(p => p.Str("in") == "query").ToDictionary(p => p.Str("name")!);

        Assert.Equal(
            ["annotations", "annotationsAsOf", "asOf", "average", "benchmark", "company", "currency", "download", "eventIds", "eventSet", "events", "from", "height", "log", "mode", "scale", "symbols", "theme", "to", "view", "width", "window"],
            parameters.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["light", "dark"], parameters["theme"].GetProperty("schema").GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("boolean", parameters["average"].GetProperty("schema").Str("type"));
        Assert.Contains("ISO 4217", parameters["currency"].Str("description"), StringComparison.Ordinal);
        Assert.Equal("string", parameters["asOf"].GetProperty("schema").Str("type"));
        Assert.Equal(["rebased", "price", "percent"], parameters["mode"].GetProperty("schema").GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(["time", "event-time"], parameters["view"].GetProperty("schema").GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("date", parameters["from"].GetProperty("schema").Str("format"));
        Assert.Equal(320, parameters["width"].GetProperty("schema").GetProperty("minimum").GetInt32());
        Assert.Equal(4000, parameters["width"].GetProperty("schema").GetProperty("maximum").GetInt32());
    }

    [Fact]
    public async Task Study_windows_carry_the_same_limits_on_every_study_route()
    {
        var paths = (await DocumentAsync()).GetProperty("paths");
        string[] routes = ["/api/event-study", "/api/event-study/summary", "/api/event-study/summary.csv", "/api/event-study/chart.png", "/api/event-study/chart.svg",
            "/api/event-study/aggregate", "/api/event-study/aggregate.csv", "/api/event-study/aggregate/chart.png", "/api/event-study/aggregate/chart.svg"];

        foreach (var (name, min, max) in new[] { ("pre", 0, 30), ("post", 0, 30), ("estimation", 30, 500), ("gap", 0, 250) })
        {
            foreach (var route in routes)
            {
                var schema = paths.GetProperty(route).GetProperty("get").GetProperty("parameters").EnumerateArray().Single(p => p.Str("name") == name).GetProperty("schema");
                Assert.Equal((min, max), (schema.GetProperty("minimum").GetInt32(), schema.GetProperty("maximum").GetInt32()));
            }
        }
        // Every study reads the prices as of a vintage when asked.
        Assert.All(routes, route => Assert.Contains(paths.GetProperty(route).GetProperty("get").GetProperty("parameters").EnumerateArray(), p => p.Str("name") == "asOf"));
    }
}
