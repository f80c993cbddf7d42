namespace WebApi.Users;

/// <summary>The body of <c>POST /users</c> and <c>PUT /users/{id}</c>.</summary>
public sealed record UserInput(string? Name, string? Email);
