namespace AsyncCassandra.Generators.Model;

/// <summary>The options written in [CqlQuery]; null for those left out.</summary>
internal sealed record QueryOptionsModel
{
    /// <summary>The ConsistencyLevel member name.</summary>
    public string? Consistency { get; init; }

    /// <summary>The ConsistencyLevel member name.</summary>
    public string? SerialConsistency { get; init; }

    public bool? Idempotent { get; init; }

    public int? PageSize { get; init; }

    public int? TimeoutMs { get; init; }

    public bool Tracing { get; init; }
}
