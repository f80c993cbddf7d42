namespace AsyncCassandra.Generators.IntegrationTests.Shapes;

/// <summary>A readonly struct made through its constructor.</summary>
public readonly struct Coord
{
    /// <summary>Makes a coordinate.</summary>
    /// <param name="x">Column x.</param>
    /// <param name="y">Column y.</param>
    public Coord(int x, int y)
    {
        X = x;
        Y = y;
    }

    /// <summary>Column x.</summary>
    public int X { get; }

    /// <summary>Column y.</summary>
    public int Y { get; }
}

/// <summary>A struct with init members.</summary>
public struct Point
{
    /// <summary>Column x.</summary>
    public int X { get; init; }

    /// <summary>Column y.</summary>
    public int Y { get; init; }
}

/// <summary>Structs as rows and as bound values; an obsolete enum and types nested in the interface.</summary>
public partial interface IStructRepository
{
    /// <summary>A row nested in the repository interface.</summary>
    /// <param name="Id">The key.</param>
    /// <param name="X">Column x.</param>
    public sealed record Row(int Id, int X);

    /// <summary>Writes a coordinate from its members.</summary>
    [CqlQuery("INSERT INTO shape_coords (id, x, y) VALUES (:id, :x, :y)")]
    Task InsertAsync(int id, Coord coord);

    /// <summary>The coordinate, or null.</summary>
    [CqlQuery("SELECT x, y FROM shape_coords WHERE id = ?")]
    Task<Coord?> GetCoordAsync(int id);

    /// <summary>The points of that id.</summary>
    [CqlQuery("SELECT x, y FROM shape_coords WHERE id = ?")]
    Task<IReadOnlyList<Point>> PointsAsync(int id);

    /// <summary>The row, or null.</summary>
    [CqlQuery("SELECT id, x FROM shape_coords WHERE id = ?")]
    Task<Row> RowAsync(int id);
}
