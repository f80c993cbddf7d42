namespace AsyncCassandra.Generators.IntegrationTests.Shapes;

/// <summary>
/// float[] without a schema: a list or set of float, or a vector&lt;float, n&gt; on Cassandra 5.0; the server's type
/// for each marker and column decides once per prepare.
/// </summary>
public partial interface IFloatArrayRepository
{
    /// <summary>Writes the list and the set.</summary>
    [CqlQuery("UPDATE shape_floats SET fl = ?, fs = ? WHERE id = ?")]
    Task SetAsync(float[] list, float[] set, int id);

    /// <summary>The list, or null.</summary>
    [CqlQuery("SELECT fl FROM shape_floats WHERE id = ?")]
    Task<float[]> ListAsync(int id);

    /// <summary>The set, or null.</summary>
    [CqlQuery("SELECT fs FROM shape_floats WHERE id = ?")]
    Task<float[]> SetOfAsync(int id);

    /// <summary>A float[] for a text column: refused before anything is sent.</summary>
    [CqlQuery("UPDATE shape_floats SET name = ? WHERE id = ?")]
    Task MismatchAsync(float[] name, int id);
}
