using Microsoft.CodeAnalysis;

namespace AsyncCassandra.Generators.Tests.Generation;

/// <summary>
/// vector&lt;float, n&gt; (Cassandra 5.0) as float[] and ReadOnlyMemory&lt;float&gt;: with schema.cql the dimension is
/// checked at build time and fixes the codec; without it the codec follows the server's type once per prepare. The
/// nearest-neighbour query (ORDER BY ... ANN OF ? LIMIT ?) types its markers from the column.
/// </summary>
public class VectorTests
{
    private const string Schema = """
        CREATE KEYSPACE shop WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1};
        USE shop;
        CREATE TABLE items (id int PRIMARY KEY, embedding vector<float, 3>, scores list<float>, name text);
        CREATE CUSTOM INDEX ON items (embedding) USING 'StorageAttachedIndex';
        """;

    private const string Repository = """
        using AsyncCassandra;

        namespace Shop;

        public sealed record Item(int Id, float[] Embedding);

        public sealed record Memo(int Id, ReadOnlyMemory<float> Embedding);

        public partial interface IItems
        {
            [CqlQuery("SELECT id, embedding FROM items ORDER BY embedding ANN OF ? LIMIT ?")]
            Task<IReadOnlyList<Item>> NearestAsync(float[] query, int limit);

            [CqlQuery("SELECT id, embedding FROM items ORDER BY embedding ANN OF ? LIMIT ?")]
            Task<IReadOnlyList<Memo>> NearestMemoryAsync(ReadOnlyMemory<float> query, int limit);

            [CqlQuery("INSERT INTO items (id, embedding) VALUES (?, ?)")]
            Task InsertAsync(int id, ReadOnlyMemory<float> embedding);

            [CqlQuery("INSERT INTO items (id, embedding) VALUES (:id, :embedding)")]
            Task InsertItemAsync(Item item);

            [CqlQuery("SELECT embedding FROM items WHERE id = ?")]
            Task<float[]?> EmbeddingAsync(int id);

            [CqlQuery("UPDATE items SET scores = ? WHERE id = ?")]
            Task SetScoresAsync(float[] scores, int id);
        }
        """;

    [Fact]
    public void With_a_schema_vectors_get_codecs_of_their_dimension_and_lists_stay_lists()
    {
        var result = GeneratorHarness.Run(Repository, Schema);

        Assert.Empty(result.GeneratorDiagnostics.Select(d => d.ToString()));
        Assert.Empty(result.CompilationDiagnostics.Select(d => d.ToString()));
        var code = result.Generated("IItems.g.cs");
        Assert.Contains("global::AsyncCassandra.Advanced.CqlCodecs.FloatVector(3)", code, StringComparison.Ordinal);
        Assert.Contains("global::AsyncCassandra.Advanced.CqlCodecs.FloatVectorMemory(3)", code, StringComparison.Ordinal);
        Assert.Contains("global::AsyncCassandra.Advanced.CqlMappingCodecs.Sequence<float[], float>(global::AsyncCassandra.Advanced.CqlCodecs.Single", code, StringComparison.Ordinal);
        Assert.DoesNotContain("CqlMappingCodecs.FloatArray", code, StringComparison.Ordinal);
        Assert.DoesNotContain("CqlMappingCodecs.FloatVectorMemory", code, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_schema_the_server_type_chooses_the_codec()
    {
        var result = GeneratorHarness.Run(Repository);

        Assert.Empty(result.GeneratorDiagnostics.Select(d => d.ToString()));
        Assert.Empty(result.CompilationDiagnostics.Select(d => d.ToString()));
        var code = result.Generated("IItems.g.cs");
        Assert.Contains("global::AsyncCassandra.Advanced.CqlMappingCodecs.FloatArray(", code, StringComparison.Ordinal);
        Assert.Contains("global::AsyncCassandra.Advanced.CqlMappingCodecs.FloatVectorMemory(", code, StringComparison.Ordinal);
        Assert.DoesNotContain("CqlCodecs.FloatVector(", code, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Task SetAsync(List<float> embedding, int id);", "List<float>")]
    [InlineData("Task SetAsync(double[] embedding, int id);", "double[]")]
    [InlineData("Task SetAsync(HashSet<float> embedding, int id);", "HashSet<float>")]
    public void A_vector_column_takes_float_arrays_and_memory_only(string method, string type)
    {
        var source = $$"""
            using AsyncCassandra;

            namespace Shop;

            public partial interface IItems
            {
                [CqlQuery("UPDATE items SET embedding = ? WHERE id = ?")]
                {{method}}
            }
            """;

        var result = GeneratorHarness.Run(source, Schema);

        var diagnostic = Assert.Single(result.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("ACQL0303", diagnostic.Id);
        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(type, message, StringComparison.Ordinal);
        Assert.Contains("vector<float, 3>", message, StringComparison.Ordinal);
        Assert.Contains("float[] or ReadOnlyMemory<float>", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_member_of_another_type_is_refused_for_a_vector_column()
    {
        const string source = """
            using AsyncCassandra;

            namespace Shop;

            public sealed record Wrong(int Id, List<double> Embedding);

            public partial interface IItems
            {
                [CqlQuery("SELECT id, embedding FROM items WHERE id = ?")]
                Task<Wrong?> GetAsync(int id);
            }
            """;

        var result = GeneratorHarness.Run(source, Schema);

        var diagnostic = Assert.Single(result.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("ACQL0201", diagnostic.Id);
        Assert.Contains("float[] or ReadOnlyMemory<float>", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }
}
