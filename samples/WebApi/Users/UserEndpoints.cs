using AsyncCassandra;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using WebApi.Infrastructure;

namespace WebApi.Users;

/// <summary>The user routes. Cassandra's errors are mapped to ProblemDetails by <see cref="CassandraExceptionHandler"/>.</summary>
public static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUsers(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder users = app.MapGroup("/users").WithTags("Users");
        users.MapPost("/", CreateAsync).WithName("CreateUser");
        users.MapGet("/{id}", GetAsync).WithName("GetUser");
        users.MapPut("/{id}", UpdateAsync).WithName("UpdateUser");
        users.MapDelete("/{id}", DeleteAsync).WithName("DeleteUser");
        users.MapGet("/", ListAsync).WithName("ListUsers");
        users.MapGet("/stream", Stream).WithName("StreamUsers")
            .WithDescription("Every user, one JSON object per line (application/x-ndjson), streamed while the table is read.")
            .Produces<User>(StatusCodes.Status200OK, NdjsonResult<User>.ContentType);
        return app;
    }

    private static async Task<Results<Created<User>, ValidationProblem>> CreateAsync(UserInput input, IUserRepository repository, TimeProvider clock, CancellationToken ct)
    {
        if (Validate(input) is { } problem)
        {
            return problem;
        }

        // Cassandra keeps milliseconds: the body returned now is the one GET returns later.
        DateTimeOffset now = DateTimeOffset.FromUnixTimeMilliseconds(clock.GetUtcNow().ToUnixTimeMilliseconds());
        var user = new User(Guid.NewGuid(), input.Name!.Trim(), Normalize(input.Email), now);
        await repository.InsertAsync(user, ct);
        return TypedResults.Created($"/users/{user.Id}", user);
    }

    private static async Task<Results<Ok<User>, ProblemHttpResult>> GetAsync(string id, IUserRepository repository, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out Guid userId))
        {
            return NotAUuid(id);
        }

        return await repository.GetAsync(userId, ct) is { } user ? TypedResults.Ok(user) : NotFound(userId);
    }

    private static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> UpdateAsync(string id, UserInput input, IUserRepository repository, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out Guid userId))
        {
            return NotAUuid(id);
        }

        if (Validate(input) is { } problem)
        {
            return problem;
        }

        if (await repository.GetAsync(userId, ct) is not { } current)
        {
            return NotFound(userId);
        }

        return await repository.UpdateIfUnchangedAsync(input.Name!.Trim(), Normalize(input.Email), userId, current.CreatedAt, ct)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflicting update", detail: $"User {userId} was deleted or replaced while it was being updated. Read it again and retry.");
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string id, IUserRepository repository, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out Guid userId))
        {
            return NotAUuid(id);
        }

        await repository.DeleteAsync(userId, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<UserPage>, ValidationProblem>> ListAsync(UserPages pages, CancellationToken ct, [FromQuery] int? pageSize = null, [FromQuery] string? pageToken = null)
    {
        int size = pageSize ?? 20;
        if (size is < 1 or > UserPages.MaxPageSize)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["pageSize"] = [$"pageSize must be 1-{UserPages.MaxPageSize}."] });
        }

        return TypedResults.Ok(await pages.GetAsync(size, pageToken, ct));
    }

    private static NdjsonResult<User> Stream(IUserRepository repository, CancellationToken ct) =>
        new(repository.StreamAllAsync(ct), WebApiJsonContext.Default.User);

    private static ValidationProblem? Validate(UserInput input) =>
        string.IsNullOrWhiteSpace(input.Name)
            ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = ["A name is required."] })
            : null;

    private static string? Normalize(string? email) => string.IsNullOrWhiteSpace(email) ? null : email.Trim();

    private static ProblemHttpResult NotAUuid(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid user id", detail: $"'{id}' is not a UUID.");

    private static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "User not found", detail: $"There is no user {id}.");
}
