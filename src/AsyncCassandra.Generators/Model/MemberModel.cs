namespace AsyncCassandra.Generators.Model;

/// <summary>
/// A member of an entity or user-defined type as mapping sees it: a property or field, a constructor parameter, or
/// both (a record's positional parameter and its property).
/// </summary>
/// <param name="Name">The member's name (the property, or the parameter when there is no property).</param>
/// <param name="Value">How its type maps.</param>
internal sealed record MemberModel(string Name, ValueModel Value)
{
    /// <summary>The property or field read when writing (null when it cannot be read).</summary>
    public string? GetterName { get; init; }

    /// <summary>The constructor parameter, when the member is set through the constructor.</summary>
    public string? ParameterName { get; init; }

    /// <summary>The constructor parameter has a default value, so it may be left out.</summary>
    public bool HasDefault { get; init; }

    /// <summary>Settable after construction (<c>set</c>, or a writable field).</summary>
    public bool CanSet { get; init; }

    /// <summary>Settable only in an object initializer (<c>init</c>).</summary>
    public bool IsInitOnly { get; init; }

    /// <summary>A <c>required</c> member: it must be set.</summary>
    public bool IsRequired { get; init; }

    /// <summary>The column named by [CqlColumn], normalized by CQL rules; null when not given.</summary>
    public string? ColumnName { get; init; }

    /// <summary>[CqlIgnore]: never mapped.</summary>
    public bool Ignored { get; init; }

    /// <summary>The name columns are matched to: lowercase, without underscores.</summary>
    public string MatchKey => Naming.Loose(Name);

    /// <summary>The name a CQL column is looked up by at run time.</summary>
    public string CqlName => ColumnName ?? Name;

    /// <summary>Can receive a value when the object is created.</summary>
    public bool CanReceive => ParameterName is not null || CanSet || IsInitOnly;

    /// <summary>Must receive a value: a constructor parameter without a default, or a required member.</summary>
    public bool MustReceive => (ParameterName is not null && !HasDefault) || IsRequired;
}
