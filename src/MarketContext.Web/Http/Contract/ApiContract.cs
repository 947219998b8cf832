namespace MarketContext.Web.Http.Contract;

/// <summary>
/// Every <c>/api</c> route binds typed requests validated by the framework (<c>AddValidation</c>): the attributes and
/// <see cref="System.ComponentModel.DataAnnotations.IValidatableObject"/> rules on the request types are the one place
/// a parameter's limits live. Refusals keep the API's shape: a problem with <c>errors: [{field, message}]</c>.
/// </summary>
public static class ApiContract
{
    public static IServiceCollection AddApiContract(this IServiceCollection services)
    {
        services.AddValidation();
        // First of the writers, wherever AddProblemDetails is called: the framework's would answer the errors as a dictionary.
        services.Insert(0, ServiceDescriptor.Singleton<IProblemDetailsWriter, FieldErrorsWriter>());
        return services;
    }

    /// <summary>Writes the framework's validation errors as the API's problem: one entry per message, naming its field.</summary>
    private sealed class FieldErrorsWriter : IProblemDetailsWriter
    {
        public bool CanWrite(ProblemDetailsContext context) => context.ProblemDetails is HttpValidationProblemDetails { Errors.Count: > 0 };

        public ValueTask WriteAsync(ProblemDetailsContext context)
        {
            var errors = ((HttpValidationProblemDetails)context.ProblemDetails).Errors
                .SelectMany(e => e.Value.Select(message => new FieldError(message, Field: e.Key.Length > 0 ? QueryText.FieldName(e.Key) : "query")))
                .ToList();
            return new ValueTask(Problems.Validation(string.Join(" ", errors.Select(e => e.Message)), errors).ExecuteAsync(context.HttpContext));
        }
    }
}
