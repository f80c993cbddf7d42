namespace AsyncCassandra;

/// <summary>
/// The "unset" bound value (protocol v4+, spec §3 [value] length -2): the marker leaves the column untouched instead
/// of writing null (which would create a tombstone). Bind <see cref="Value"/> where a value is optional.
/// </summary>
public sealed class Unset
{
    private Unset() { }

    /// <summary>The unset value.</summary>
    public static Unset Value { get; } = new();

    /// <inheritdoc />
    public override string ToString() => "unset";
}
