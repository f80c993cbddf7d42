using System.Security.Cryptography;
using System.Text;

namespace AsyncCassandra.ServerModel;

/// <summary>The columns of a result (or the bind variables of a statement), all of one table.</summary>
public sealed record ResultColumns(string Keyspace, string Table, IReadOnlyList<Column> Columns)
{
    /// <summary>
    /// The result metadata id (v5 §4.2.5.4): a digest of the columns, so it changes exactly when the metadata does
    /// (Cassandra hashes the column specifications too).
    /// </summary>
    public byte[] MetadataId()
    {
        var text = new StringBuilder(Keyspace).Append('.').Append(Table);
        foreach (Column column in Columns)
        {
            text.Append('|').Append(column.Name).Append(':').Append(column.Type.Name);
        }

        return MD5.HashData(Encoding.UTF8.GetBytes(text.ToString()));
    }
}

/// <summary>What a statement returns (v5 §4.2.5).</summary>
public abstract record ModelResult;

public sealed record VoidResult : ModelResult;

public sealed record SetKeyspaceResult(string Keyspace) : ModelResult;

public sealed record RowsResult(ResultColumns Metadata, IReadOnlyList<byte[]?[]> Rows, byte[]? PagingState) : ModelResult;

public sealed record SchemaChangeResult(string Change, string Target, string Keyspace, string? Name) : ModelResult;

/// <summary>A statement resolved against the schema: its bind variables, result columns and partition key markers.</summary>
public sealed class AnalyzedStatement
{
    public required CqlStatement Statement { get; init; }

    /// <summary>The keyspace the statement runs in (named in it, given per query, or the connection's).</summary>
    public required string? Keyspace { get; init; }

    public Table? Table { get; init; }

    public required ResultColumns Variables { get; init; }

    /// <summary>Null for statements that return no rows.</summary>
    public ResultColumns? Result { get; init; }

    public required IReadOnlyList<int> PartitionKeyIndexes { get; init; }
}

/// <summary>Runs the model's CQL subset against the tables a node resolves.</summary>
public static class Engine
{
    public static AnalyzedStatement Analyze(CqlStatement statement, string? keyspace, Func<string, string, Table?> resolve)
    {
        switch (statement)
        {
            case UseStatement use:
                return new AnalyzedStatement { Statement = use, Keyspace = use.Keyspace, Variables = new ResultColumns(use.Keyspace, "", []), PartitionKeyIndexes = [] };
            case SelectStatement select:
            {
                Table table = Resolve(select.Keyspace ?? keyspace, select.Table, resolve);
                var variables = new Column[statement.Markers];
                foreach ((string column, Term value) in select.Where)
                {
                    Column c = table.Columns[table.IndexOf(column)];
                    if (value.IsMarker)
                    {
                        variables[value.MarkerIndex] = new Column(value.MarkerName ?? c.Name, c.Type);
                    }
                }

                if (select.Limit is { IsMarker: true } limit)
                {
                    variables[limit.MarkerIndex] = new Column(limit.MarkerName ?? "[limit]", ColumnType.Int);
                }

                List<Column> result = select.Count
                    ? [new Column("count", ColumnType.BigInt)]
                    : select.Columns is null ? [.. table.Columns] : [.. select.Columns.Select(c => table.Columns[table.IndexOf(c)])];
                return new AnalyzedStatement
                {
                    Statement = select,
                    Keyspace = table.Keyspace,
                    Table = table,
                    Variables = new ResultColumns(table.Keyspace, table.Name, variables),
                    Result = new ResultColumns(table.Keyspace, table.Name, result),
                    PartitionKeyIndexes = KeyMarkers(table, select.Where),
                };
            }

            case InsertStatement insert:
            {
                Table table = Resolve(insert.Keyspace ?? keyspace, insert.Table, resolve);
                var variables = new Column[statement.Markers];
                for (int i = 0; i < insert.Columns.Count; i++)
                {
                    Column c = table.Columns[table.IndexOf(insert.Columns[i])];
                    if (insert.Values[i].IsMarker)
                    {
                        variables[insert.Values[i].MarkerIndex] = new Column(insert.Values[i].MarkerName ?? c.Name, c.Type);
                    }
                }

                return new AnalyzedStatement
                {
                    Statement = insert,
                    Keyspace = table.Keyspace,
                    Table = table,
                    Variables = new ResultColumns(table.Keyspace, table.Name, variables),
                    PartitionKeyIndexes = KeyMarkers(table, [.. insert.Columns.Zip(insert.Values)]),
                };
            }

            case AlterAddStatement alter:
            {
                Table table = Resolve(alter.Keyspace ?? keyspace, alter.Table, resolve);
                return new AnalyzedStatement { Statement = alter, Keyspace = table.Keyspace, Table = table, Variables = new ResultColumns(table.Keyspace, table.Name, []), PartitionKeyIndexes = [] };
            }

            default:
                throw new ModelQueryException(0x2000, "unsupported statement");
        }
    }

    private static Table Resolve(string? keyspace, string table, Func<string, string, Table?> resolve)
    {
        if (keyspace is null)
        {
            throw new ModelQueryException(0x2200, "No keyspace has been specified. USE a keyspace, or explicitly specify keyspace.tablename");
        }

        return resolve(keyspace, table) ?? throw new ModelQueryException(0x2200, $"unconfigured table {table}");
    }

    /// <summary>v4 §4.2.5.4 pk_index: the marker bound to each partition key column, or none when one is not a marker.</summary>
    private static int[] KeyMarkers(Table table, IReadOnlyList<(string Column, Term Value)> bindings)
    {
        var indexes = new int[table.PartitionKeyCount];
        for (int k = 0; k < table.PartitionKeyCount; k++)
        {
            int found = -1;
            foreach ((string column, Term value) in bindings)
            {
                if (value.IsMarker && string.Equals(column, table.Columns[k].Name, StringComparison.OrdinalIgnoreCase))
                {
                    found = value.MarkerIndex;
                }
            }

            if (found < 0)
            {
                return [];
            }

            indexes[k] = found;
        }

        return indexes;
    }

    /// <summary>Runs an analyzed statement with bound values (by marker index), a page size (0: all) and a paging state.</summary>
    public static ModelResult Execute(AnalyzedStatement analyzed, IReadOnlyList<byte[]?> values, int pageSize, byte[]? pagingState, ModelData data)
    {
        if (values.Count != analyzed.Statement.Markers)
        {
            throw new ModelQueryException(0x2200, $"There were {analyzed.Statement.Markers} markers(?) in CQL but {values.Count} bound variables");
        }

        switch (analyzed.Statement)
        {
            case UseStatement use:
                return data.HasKeyspace(use.Keyspace) || use.Keyspace is "system" or "system_schema"
                    ? new SetKeyspaceResult(use.Keyspace)
                    : throw new ModelQueryException(0x2200, $"Keyspace '{use.Keyspace}' does not exist");
            case SelectStatement select:
                return Select(analyzed, select, values, pageSize, pagingState);
            case InsertStatement insert:
            {
                Table table = analyzed.Table!;
                var row = new byte[]?[table.Columns.Count];
                for (int i = 0; i < insert.Columns.Count; i++)
                {
                    int column = table.IndexOf(insert.Columns[i]);
                    row[column] = Value(insert.Values[i], table.Columns[column].Type, values);
                }

                for (int k = 0; k < table.PartitionKeyCount + table.ClusteringCount; k++)
                {
                    if (row[k] is null)
                    {
                        throw new ModelQueryException(0x2200, $"Some partition key parts are missing: {table.Columns[k].Name}");
                    }
                }

                table.Upsert(row);
                return new VoidResult();
            }

            case AlterAddStatement alter:
                analyzed.Table!.AddColumn(new Column(alter.Column, alter.Type));
                data.SchemaChanged();
                return new SchemaChangeResult("UPDATED", "TABLE", analyzed.Table.Keyspace, analyzed.Table.Name);
            default:
                throw new ModelQueryException(0x2000, "unsupported statement");
        }
    }

    private static byte[]? Value(Term term, ColumnType type, IReadOnlyList<byte[]?> values)
    {
        if (!term.IsMarker)
        {
            return type.ParseLiteral(term.Literal!);
        }

        byte[]? value = values[term.MarkerIndex];
        return ReferenceEquals(value, WireReader.NotSet) ? null : value;
    }

    private static RowsResult Select(AnalyzedStatement analyzed, SelectStatement select, IReadOnlyList<byte[]?> values, int pageSize, byte[]? pagingState)
    {
        Table table = analyzed.Table!;
        var filters = select.Where.Select(w => (Index: table.IndexOf(w.Column), Value: Value(w.Value, table.Columns[table.IndexOf(w.Column)].Type, values))).ToList();
        List<byte[]?[]> matching = [.. table.Rows().Where(row => filters.All(f => Table.Same(row[f.Index], f.Value)))];
        if (select.Limit is { } limitTerm)
        {
            byte[]? limitBytes = Value(limitTerm, ColumnType.Int, values);
            int limit = limitBytes is null ? int.MaxValue : System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(limitBytes);
            if (limit <= 0)
            {
                throw new ModelQueryException(0x2200, "LIMIT must be strictly positive");
            }

            matching = [.. matching.Take(limit)];
        }

        if (select.Count)
        {
            return new RowsResult(analyzed.Result!, [[ColumnType.BigInt.Serialize((long)matching.Count)]], null);
        }

        int[] projection = [.. analyzed.Result!.Columns.Select(c => table.IndexOf(c.Name))];
        List<byte[]?[]> projected = [.. matching.Select(row => projection.Select(i => row[i]).ToArray())];

        // §7: a page of at most pageSize rows; the paging state says where the next one starts (and for which query).
        int start = 0;
        int queryHash = StableHash(select.ToString());
        if (pagingState is not null)
        {
            if (pagingState.Length != 8 || System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(pagingState.AsSpan(4)) != queryHash)
            {
                throw new ModelProtocolException("Invalid value for the paging state");
            }

            start = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(pagingState);
        }

        if (pageSize <= 0 || start + pageSize >= projected.Count)
        {
            return new RowsResult(analyzed.Result, projected.Skip(start).ToList(), null);
        }

        byte[] next = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(next, start + pageSize);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(next.AsSpan(4), queryHash);
        return new RowsResult(analyzed.Result, projected.Skip(start).Take(pageSize).ToList(), next);
    }

    private static int StableHash(string text)
    {
        int hash = 17;
        foreach (char c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash;
    }
}
