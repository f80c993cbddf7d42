using AsyncCassandra;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace WebApi.Infrastructure;

/// <summary>
/// Maps what Cassandra says to what an HTTP client can act on, as ProblemDetails and never with a stack trace: 503
/// (with Retry-After) when the cluster cannot answer now (no node, too few replicas, timeouts, overload, shutting
/// down); 409 when a conditional update lost a race (its outcome is unknown: read and try again); 400 for a forged or
/// stale page token; 500 for anything else, logged with its details on the server only.
/// </summary>
public sealed partial class CassandraExceptionHandler(IProblemDetailsService problems, ILogger<CassandraExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody reads an answer.
            return true;
        }

        (int status, string title, string detail) = Map(exception);
        if (status >= 500)
        {
            LogFailure(logger, httpContext.Request.Method, httpContext.Request.Path, status, exception);
        }

        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "5";
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    /// <summary>The status, title and client-safe detail for an exception.</summary>
    public static (int Status, string Title, string Detail) Map(Exception exception) => exception switch
    {
        PagingTokenException token => (StatusCodes.Status400BadRequest, "Invalid page token", token.Message),
        CasWriteUnknownException or WriteTimeoutException { WriteType: "CAS" } =>
            (StatusCodes.Status409Conflict, "Conflicting update", "The conditional update lost a race with another update, and its outcome is unknown. Read the user again and retry."),
        NoHostAvailableException or UnavailableException or ReadTimeoutException or WriteTimeoutException or TimeoutException or OverloadedException or IsBootstrappingException =>
            (StatusCodes.Status503ServiceUnavailable, "Database unavailable", "The database cannot answer right now. Retry in a few seconds."),
        ObjectDisposedException =>
            (StatusCodes.Status503ServiceUnavailable, "Shutting down", "The service is shutting down. Retry on another instance."),
        _ => (StatusCodes.Status500InternalServerError, "Unexpected error", "The request failed. The details are in the server's log."),
    };

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "{Method} {Path} failed with {Status}")]
    private static partial void LogFailure(ILogger logger, string method, string path, int status, Exception exception);
}
