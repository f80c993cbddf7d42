namespace AsyncCassandra.Generators.Model;

/// <summary>The value written for one bind marker.</summary>
/// <param name="Expression">The C# expression of the value: a parameter, or an entity parameter's member (<c>user.Name</c>).</param>
/// <param name="Value">How it is written (codec chosen with the schema when known).</param>
/// <param name="Description">What it is, for runtime errors (<c>parameter 'id' of IRepo.GetAsync</c>).</param>
internal sealed record BoundValueModel(string Expression, ValueModel Value, string Description);
