namespace AsyncCassandra;

/// <summary>The kind of a batch (spec §4.1.7 &lt;type&gt;).</summary>
public enum BatchType : byte
{
    /// <summary>Atomic: the batch log makes all statements apply or none.</summary>
    Logged = 0,
    /// <summary>Not atomic; cheapest when all statements hit one partition.</summary>
    Unlogged = 1,
    /// <summary>Counter updates only.</summary>
    Counter = 2,
}
