namespace AsyncCassandra;

/// <summary>
/// A user name and password for Cassandra's PasswordAuthenticator (SASL PLAIN). The password is never shown: not by
/// <see cref="ToString"/>, not in the debugger, not in logs.
/// </summary>
[System.Diagnostics.DebuggerDisplay("{Username,nq}:***")]
public sealed class CassandraCredentials
{
    /// <summary>Creates credentials; a NUL character in either is refused (SASL PLAIN separates its fields with NUL).</summary>
    public CassandraCredentials(string username, string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(username);
        ArgumentNullException.ThrowIfNull(password);
        if (username.Contains('\0', StringComparison.Ordinal) || password.Contains('\0', StringComparison.Ordinal))
        {
            // "\0user\0pass" is the message: a NUL inside a field would move its boundaries (authenticating as another user).
            throw new ArgumentException("A user name or password must not contain a NUL character (U+0000): SASL PLAIN separates its fields with it.", username.Contains('\0', StringComparison.Ordinal) ? nameof(username) : nameof(password));
        }

        Username = username;
        Password = password;
    }

    /// <summary>The user name.</summary>
    public string Username { get; }

    /// <summary>The password.</summary>
    [System.Diagnostics.DebuggerBrowsable(System.Diagnostics.DebuggerBrowsableState.Never)]
    public string Password { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Username}:***";
}
