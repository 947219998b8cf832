namespace MarketContext.Web.Http.Contract;

/// <summary>
/// The body a route reads itself, within its own byte limit, for the OpenAPI document. Not <c>Accepts</c>: that
/// would let routing refuse another content type with a bare 415 before the route can say what it expects.
/// </summary>
public sealed record BodyMetadata(Type? Type, IReadOnlyList<string> ContentTypes);

public static class BodyMetadataExtensions
{
    public static RouteHandlerBuilder ReadsBody<T>(this RouteHandlerBuilder route, params string[] contentTypes) =>
        route.WithMetadata(new BodyMetadata(typeof(T), contentTypes));

    public static RouteHandlerBuilder ReadsBody(this RouteHandlerBuilder route, params string[] contentTypes) =>
        route.WithMetadata(new BodyMetadata(null, contentTypes));
}

public static class FileAnswerExtensions
{
    /// <summary>A 200 whose body is a file of this content type (a picture, a CSV), for the OpenAPI document.</summary>
    public static RouteHandlerBuilder ProducesFile(this RouteHandlerBuilder route, string contentType) =>
        route.Produces(StatusCodes.Status200OK, typeof(Stream), contentType);
}
