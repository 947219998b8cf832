using Microsoft.AspNetCore.SignalR;

namespace MarketContext.Web.Features.Annotations;

/// <summary>
/// What the server pushes to every viewer; each message carries the change's seq. The wire names are the
/// contract's camelCase ones: the JavaScript client matches names in any case, the .NET client only exactly.
/// </summary>
public interface IAnnotationClient
{
    [HubMethodName("annotationAdded")]
    Task AnnotationAdded(Annotation annotation);

    [HubMethodName("annotationUpdated")]
    Task AnnotationUpdated(Annotation annotation);

    [HubMethodName("annotationDeleted")]
    Task AnnotationDeleted(AnnotationDeleted deleted);
}

/// <summary>Viewers only listen; writes arrive over HTTP, where they are validated and stored before they are pushed.</summary>
public sealed class AnnotationHub : Hub<IAnnotationClient>
{
    public const string Path = "/hubs/annotations";
}
