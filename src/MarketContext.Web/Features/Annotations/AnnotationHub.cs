using Microsoft.AspNetCore.SignalR;

namespace MarketContext.Web.Features.Annotations;

/// <summary>What the server pushes to every viewer; each message carries the change's seq.</summary>
public interface IAnnotationClient
{
    Task AnnotationAdded(Annotation annotation);
    Task AnnotationUpdated(Annotation annotation);
    Task AnnotationDeleted(AnnotationDeleted deleted);
}

/// <summary>Viewers only listen; writes arrive over HTTP, where they are validated and stored before they are pushed.</summary>
public sealed class AnnotationHub : Hub<IAnnotationClient>
{
    public const string Path = "/hubs/annotations";
}
