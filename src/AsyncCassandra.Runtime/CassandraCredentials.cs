namespace AsyncCassandra;

/// <summary>A user name and password for Cassandra's PasswordAuthenticator (SASL PLAIN).</summary>
public sealed class CassandraCredentials
{
    /// <summary>Creates credentials.</summary>
    public CassandraCredentials(string username, string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(username);
        ArgumentNullException.ThrowIfNull(password);
        Username = username;
        Password = password;
    }

    /// <summary>The user name.</summary>
    public string Username { get; }

    /// <summary>The password.</summary>
    public string Password { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Username}:***";
}
