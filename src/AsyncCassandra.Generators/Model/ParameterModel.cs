namespace AsyncCassandra.Generators.Model;

/// <summary>What a method parameter is for.</summary>
internal enum ParameterRole
{
    /// <summary>A bound value (or an entity whose members are bound).</summary>
    Value,

    /// <summary>The CancellationToken.</summary>
    CancellationToken,

    /// <summary>The <c>byte[]? pagingState</c> of a <c>Task&lt;CqlPage&lt;T&gt;&gt;</c> method.</summary>
    PagingState,
}

/// <summary>A parameter of a [CqlQuery] method.</summary>
/// <param name="Name">The name as a C# identifier (escaped with @ when a keyword).</param>
/// <param name="TypeName">The declared type, fully qualified, with nullable annotations.</param>
/// <param name="Role">What it is for.</param>
internal sealed record ParameterModel(string Name, string TypeName, ParameterRole Role)
{
    /// <summary>The name without @, for matching markers and for messages.</summary>
    public string PlainName => Name.TrimStart('@');

    /// <summary>How its type maps to a CQL value.</summary>
    public ValueModel? Value { get; init; }

    /// <summary>When its type is a class, record or struct: its members, for binding it as an entity.</summary>
    public EntityModel? Entity { get; init; }

    /// <summary>Why it cannot be bound at all (ref/out); null when it can.</summary>
    public string? Invalid { get; init; }

    /// <summary>The modifier written before it (<c>in</c>, <c>scoped</c>...), empty for none.</summary>
    public string Modifier { get; init; } = string.Empty;
}
