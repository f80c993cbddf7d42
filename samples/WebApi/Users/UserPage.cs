namespace WebApi.Users;

/// <summary>One page of <c>GET /users</c>; <see cref="NextPageToken"/> is null on the last page.</summary>
public sealed record UserPage(IReadOnlyList<User> Items, string? NextPageToken);
