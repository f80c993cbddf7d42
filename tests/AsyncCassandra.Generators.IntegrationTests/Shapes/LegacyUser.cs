namespace AsyncCassandra.Generators.IntegrationTests.Shapes;

/// <summary>A row class as written without nullable annotations: every reference member is oblivious.</summary>
public sealed class LegacyUser
{
    /// <summary>The key.</summary>
    public Guid Id { get; set; }

    /// <summary>The name; null when the column is.</summary>
    public string Name { get; set; }

    /// <summary>The tags; null when the column is.</summary>
    public List<string> Tags { get; set; }
}
