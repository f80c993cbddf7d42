namespace AsyncCassandra.Metadata;

/// <summary>
/// A range of the token ring, <c>(Start, End]</c>: the tokens after <see cref="Start"/> up to and including
/// <see cref="End"/>. The range that crosses the ring's end has <see cref="Start"/> at or after <see cref="End"/>
/// (<see cref="IsWrapping"/>) and covers the tokens after Start to the maximum, then from the minimum up to End.
/// </summary>
public sealed class TokenRange
{
    /// <summary>Creates a range.</summary>
    public TokenRange(Token start, Token end, IReadOnlyList<string> replicas)
    {
        ArgumentNullException.ThrowIfNull(replicas);
        Start = start;
        End = end;
        Replicas = replicas;
    }

    /// <summary>The token before the range (exclusive).</summary>
    public Token Start { get; }

    /// <summary>The last token of the range (inclusive).</summary>
    public Token End { get; }

    /// <summary>Whether the range crosses the end of the ring (Start at or after End).</summary>
    public bool IsWrapping => Start >= End;

    /// <summary>
    /// The nodes holding the range's rows in the keyspace the ranges were asked for, as "host:port", primary first;
    /// empty when the keyspace's replication is not known.
    /// </summary>
    public IReadOnlyList<string> Replicas { get; }

    /// <inheritdoc />
    public override string ToString() => $"({Start}, {End}]";
}
