namespace AsyncCassandra;

/// <summary>
/// Base class of every error raised by AsyncCassandra. Errors reported by the server carry the native
/// protocol error code (<see cref="ErrorCode"/>) and the address of the node that answered (<see cref="Host"/>).
/// </summary>
public class CassandraException : Exception
{
    /// <summary>Creates an exception with a message.</summary>
    public CassandraException(string message) : base(message) { }

    /// <summary>Creates an exception with a message and the error that caused it.</summary>
    public CassandraException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>The native protocol error code (spec §9 in v3/v4, §8 in v5) when the server reported the error; otherwise null.</summary>
    public int? ErrorCode { get; init; }

    /// <summary>The node (host:port) that reported the error or on which the request failed, when known.</summary>
    public string? Host { get; init; }
}
