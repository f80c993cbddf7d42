namespace AsyncCassandra;

/// <summary>Keeps a member out of row mapping and parameter binding: it is never read from or written to a column.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, AllowMultiple = false, Inherited = true)]
public sealed class CqlIgnoreAttribute : Attribute
{
}
