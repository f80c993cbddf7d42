namespace WebApi.Users;

/// <summary>A user: a row of the users table, and the JSON body of the user routes.</summary>
public sealed record User(Guid Id, string Name, string? Email, DateTimeOffset CreatedAt);
