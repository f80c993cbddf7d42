namespace AsyncCassandra.ServerModel;

/// <summary>A column of a model table.</summary>
public sealed record Column(string Name, ColumnType Type);

/// <summary>
/// An in-memory table: its columns (the first <see cref="PartitionKeyCount"/> form the partition key, the next
/// <see cref="ClusteringCount"/> the clustering key) and rows of serialized values in insertion order. Enough for
/// tests: no tombstones, no ordering by token, and an INSERT of an existing primary key replaces the row.
/// </summary>
public sealed class Table
{
    private readonly object _gate = new();
    private readonly List<byte[]?[]> _rows = [];

    public Table(string keyspace, string name, IEnumerable<Column> columns, int partitionKeyCount = 1, int clusteringCount = 0)
    {
        Keyspace = keyspace;
        Name = name;
        Columns = [.. columns];
        PartitionKeyCount = partitionKeyCount;
        ClusteringCount = clusteringCount;
    }

    public string Keyspace { get; }

    public string Name { get; }

    public List<Column> Columns { get; }

    public int PartitionKeyCount { get; }

    public int ClusteringCount { get; }

    public int IndexOf(string column) =>
        Columns.FindIndex(c => string.Equals(c.Name, column, StringComparison.OrdinalIgnoreCase)) is var i and >= 0
            ? i
            : throw new ModelQueryException(0x2200, $"Undefined column name {column} in table {Keyspace}.{Name}");

    /// <summary>A snapshot of the rows (each row's values in column order).</summary>
    public List<byte[]?[]> Rows()
    {
        lock (_gate)
        {
            return [.. _rows];
        }
    }

    /// <summary>Adds a row of .NET values in column order (serialized with each column's type).</summary>
    public Table Add(params object?[] values)
    {
        if (values.Length != Columns.Count)
        {
            throw new ArgumentException($"{Keyspace}.{Name} has {Columns.Count} columns; {values.Length} values given.", nameof(values));
        }

        return Upsert([.. values.Select((v, i) => Columns[i].Type.Serialize(v))]);
    }

    /// <summary>Inserts serialized values (in column order), replacing a row with the same primary key.</summary>
    public Table Upsert(byte[]?[] row)
    {
        int keyLength = PartitionKeyCount + ClusteringCount;
        lock (_gate)
        {
            int existing = _rows.FindIndex(r => Enumerable.Range(0, keyLength).All(i => Same(r[i], row[i])));
            if (existing >= 0)
            {
                _rows[existing] = row;
            }
            else
            {
                _rows.Add(row);
            }
        }

        return this;
    }

    /// <summary>ALTER TABLE ... ADD: a new regular column, null in every existing row.</summary>
    public void AddColumn(Column column)
    {
        lock (_gate)
        {
            if (Columns.Any(c => string.Equals(c.Name, column.Name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new ModelQueryException(0x2200, $"Column with name '{column.Name}' already exists");
            }

            Columns.Add(column);
            for (int i = 0; i < _rows.Count; i++)
            {
                _rows[i] = [.. _rows[i], null];
            }
        }
    }

    public static bool Same(byte[]? a, byte[]? b) => a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);
}

/// <summary>The keyspaces and tables of a model node (shareable between nodes of a model cluster).</summary>
public sealed class ModelData
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Dictionary<string, Table>> _keyspaces = new(StringComparer.Ordinal);

    /// <summary>Changes with every schema change (system.local schema_version).</summary>
    public Guid SchemaVersion { get; private set; } = Guid.NewGuid();

    public ModelData AddKeyspace(string keyspace)
    {
        lock (_gate)
        {
            _keyspaces.TryAdd(keyspace, new Dictionary<string, Table>(StringComparer.Ordinal));
            SchemaVersion = Guid.NewGuid();
        }

        return this;
    }

    public Table AddTable(Table table)
    {
        lock (_gate)
        {
            AddKeyspace(table.Keyspace);
            _keyspaces[table.Keyspace][table.Name] = table;
            SchemaVersion = Guid.NewGuid();
        }

        return table;
    }

    public void SchemaChanged()
    {
        lock (_gate)
        {
            SchemaVersion = Guid.NewGuid();
        }
    }

    public bool HasKeyspace(string keyspace)
    {
        lock (_gate)
        {
            return _keyspaces.ContainsKey(keyspace);
        }
    }

    public Table? Find(string keyspace, string table)
    {
        lock (_gate)
        {
            return _keyspaces.TryGetValue(keyspace, out Dictionary<string, Table>? tables) && tables.TryGetValue(table, out Table? t) ? t : null;
        }
    }

    public List<string> Keyspaces()
    {
        lock (_gate)
        {
            return [.. _keyspaces.Keys];
        }
    }

    public List<Table> Tables()
    {
        lock (_gate)
        {
            return [.. _keyspaces.Values.SelectMany(t => t.Values)];
        }
    }

    /// <summary>
    /// The tables tests use: ks.users (id int, name text), ks.big (id int, payload text) whose rows together are
    /// <paramref name="bigRows"/> × 1 KiB, more than one v5 segment (128 KiB), ks.events (id uuid, at bigint) and
    /// ks.texts (id int, body text), empty.
    /// </summary>
    public static ModelData Sample(int bigRows = 300)
    {
        var data = new ModelData();
        Table users = data.AddTable(new Table("ks", "users", [new("id", ColumnType.Int), new("name", ColumnType.Text)]));
        users.Add(1, "ada").Add(2, "grace").Add(3, "barbara");
        Table big = data.AddTable(new Table("ks", "big", [new("id", ColumnType.Int), new("payload", ColumnType.Text)]));
        for (int i = 0; i < bigRows; i++)
        {
            big.Add(i, new string((char)('a' + (i % 26)), 1024));
        }

        data.AddTable(new Table("ks", "events", [new("id", ColumnType.Uuid), new("at", ColumnType.BigInt)]));
        data.AddTable(new Table("ks", "texts", [new("id", ColumnType.Int), new("body", ColumnType.Text)]));
        return data;
    }
}

/// <summary>A query the model refuses, with the error code of spec §8 (0x2000 syntax, 0x2200 invalid, ...).</summary>
public sealed class ModelQueryException(int code, string message) : Exception(message)
{
    public int Code { get; } = code;
}
