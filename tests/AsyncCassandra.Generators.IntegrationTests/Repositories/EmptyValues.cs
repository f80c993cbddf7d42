namespace AsyncCassandra.Generators.IntegrationTests.Repositories;

/// <summary>A row whose int may be empty: read as null.</summary>
public sealed record NullableNumber(int K, int? N);

/// <summary>A row whose int cannot hold null (or an empty value).</summary>
public sealed record StrictNumber(int K, int N);

/// <summary>Reads of the table empty_values, whose n may hold an empty value (spec v3 §6: zero bytes, not null).</summary>
public partial interface IEmptyValueRepository
{
    [CqlQuery("SELECT k, n FROM empty_values WHERE k = ?")]
    Task<NullableNumber?> GetNullableAsync(int k, CancellationToken ct = default);

    [CqlQuery("SELECT k, n FROM empty_values WHERE k = ?")]
    Task<StrictNumber?> GetStrictAsync(int k, CancellationToken ct = default);

    [CqlQuery("SELECT n FROM empty_values WHERE k = ?")]
    Task<int?> GetNumberAsync(int k, CancellationToken ct = default);
}
