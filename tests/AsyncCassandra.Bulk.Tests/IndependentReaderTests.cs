using System.Text.Json;
using AsyncCassandra.Metadata;
using ParquetSharp;

namespace AsyncCassandra.Bulk.Tests;

/// <summary>
/// Exports read back by programs that share no code with the library: Python's csv module for CSV, ParquetSharp
/// (Apache's C++ Parquet library) for Parquet. Each value read must be the value's text form (or Parquet value) as
/// computed from the server's raw bytes.
/// </summary>
[Collection(BulkNodeCollection.Name)]
public sealed class IndependentReaderTests(BulkNodeFixture node)
{
    [Fact]
    public async Task Csv_is_read_by_pythons_csv_module()
    {
        string ks = BulkNodeFixture.Keyspace;
        await AllTypesTable.CreateAsync(node.Session, ks, "alltypes_py", withRows: true);
        string file = Path.Combine(node.Directory, "python.csv");
        await new BulkOperations(node.Session).ExportAsync(ks, "alltypes_py", new ExportOptions { OutputPath = file });

        using ChildProcess python = ChildProcess.Start(File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3", [Path.Combine(AppContext.BaseDirectory, "read_csv.py"), file]);
        Assert.Equal(0, await python.WaitAsync(TimeSpan.FromMinutes(1)));
        string[][] rows = JsonSerializer.Deserialize<string[][]>(python.Output)!;

        TableMetadata table = await node.Cluster.Metadata.GetTableAsync(ks, "alltypes_py");
        Assert.Equal(table.Columns.Select(c => c.Name), rows[0]);
        Dictionary<int, byte[]?[]> raw = await AllTypesTable.ReadAsync(node.Session, ks, "alltypes_py");
        Assert.Equal(raw.Count, rows.Length - 1);
        foreach (string[] row in rows.Skip(1))
        {
            byte[]?[] values = raw[int.Parse(row[0], System.Globalization.CultureInfo.InvariantCulture)];
            for (int c = 0; c < values.Length; c++)
            {
                // The csv module reads null (an empty field) and empty ("") both as '': the difference is in the quoting, checked in RoundTripTests.
                string expected = values[c] is { } value ? CqlText.Format(table.Columns[c].Type, value) : string.Empty;
                Assert.Equal(expected, row[c]);
            }
        }
    }

    [Fact]
    public async Task Parquet_is_read_by_parquetsharp()
    {
        string ks = BulkNodeFixture.Keyspace;
        await AllTypesTable.CreateAsync(node.Session, ks, "alltypes_pq", withRows: true);
        string file = Path.Combine(node.Directory, "alltypes.parquet");
        var bulk = new BulkOperations(node.Session);

        // A Parquet timestamp here holds years 1-9999: a timestamp outside them fails the export, naming the column.
        BulkException outside = await Assert.ThrowsAsync<BulkException>(() => bulk.ExportAsync(ks, "alltypes_pq", new ExportOptions { OutputPath = file, Format = BulkFormat.Parquet }));
        Assert.Contains("Column 'ts'", outside.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
        await node.Session.ExecuteAsync($"UPDATE {ks}.alltypes_pq SET ts = '1969-07-20 20:17:40.001+0000' WHERE id = 3");
        await node.Session.ExecuteAsync($"UPDATE {ks}.alltypes_pq SET ts = '9999-12-31 23:59:59.999+0000' WHERE id = 4");
        await bulk.ExportAsync(ks, "alltypes_pq", new ExportOptions { OutputPath = file, Format = BulkFormat.Parquet });
        TableMetadata table = await node.Cluster.Metadata.GetTableAsync(ks, "alltypes_pq");
        Dictionary<int, byte[]?[]> raw = await AllTypesTable.ReadAsync(node.Session, ks, "alltypes_pq");

        using var reader = new ParquetFileReader(file);
        Assert.Equal(table.Columns.Select(c => c.Name), Enumerable.Range(0, reader.FileMetaData.NumColumns).Select(i => reader.FileMetaData.Schema.Column(i).Name));
        Assert.Equal(raw.Count, reader.FileMetaData.NumRows);
        var columns = new object?[table.Columns.Count][];
        var ids = new List<int>();
        for (int g = 0; g < reader.FileMetaData.NumRowGroups; g++)
        {
            using RowGroupReader group = reader.RowGroup(g);
            int rows = checked((int)group.MetaData.NumRows);
            for (int c = 0; c < table.Columns.Count; c++)
            {
                using ColumnReader column = group.Column(c);
                object?[] read = ReadColumn(column, table.Columns[c].Type, rows);
                columns[c] = [.. columns[c] ?? [], .. read];
            }
        }

        for (int r = 0; r < raw.Count; r++)
        {
            byte[]?[] values = raw[(int)columns[0][r]!];
            for (int c = 0; c < table.Columns.Count; c++)
            {
                Assert.Equal(Expected(table.Columns[c].Type, values[c]), columns[c][r]);
            }
        }
    }

    private static object?[] ReadColumn(ColumnReader column, CqlType type, int rows) => type.Code switch
    {
        CqlTypeCode.Int => [.. column.LogicalReader<int?>().ReadAll(rows).Cast<object?>()],
        CqlTypeCode.Bigint => [.. column.LogicalReader<long?>().ReadAll(rows).Cast<object?>()],
        CqlTypeCode.Boolean => [.. column.LogicalReader<bool?>().ReadAll(rows).Cast<object?>()],
        CqlTypeCode.Float => [.. column.LogicalReader<float?>().ReadAll(rows).Cast<object?>()],
        CqlTypeCode.Double => [.. column.LogicalReader<double?>().ReadAll(rows).Cast<object?>()],
        CqlTypeCode.Timestamp => [.. column.LogicalReader<DateTime?>().ReadAll(rows).Cast<object?>()],
        CqlTypeCode.Blob => [.. column.LogicalReader<byte[]?>().ReadAll(rows).Cast<object?>()],
        _ => [.. column.LogicalReader<string?>().ReadAll(rows).Cast<object?>()],
    };

    /// <summary>What the Parquet file should hold for a raw value: the numeric, boolean, timestamp or bytes value, else the text form.</summary>
    private static object? Expected(CqlType type, byte[]? value)
    {
        if (value is null || (value.Length == 0 && type.Code is not (CqlTypeCode.Varchar or CqlTypeCode.Ascii or CqlTypeCode.Blob)))
        {
            return value is null || type.Code is CqlTypeCode.Int or CqlTypeCode.Bigint or CqlTypeCode.Boolean or CqlTypeCode.Float or CqlTypeCode.Double or CqlTypeCode.Timestamp ? null : string.Empty;
        }

        return type.Code switch
        {
            CqlTypeCode.Int => System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(value),
            CqlTypeCode.Bigint => System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(value),
            CqlTypeCode.Boolean => value[0] != 0,
            CqlTypeCode.Float => System.Buffers.Binary.BinaryPrimitives.ReadSingleBigEndian(value),
            CqlTypeCode.Double => System.Buffers.Binary.BinaryPrimitives.ReadDoubleBigEndian(value),
            CqlTypeCode.Timestamp => DateTime.UnixEpoch.AddMilliseconds(System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(value)),
            CqlTypeCode.Blob => value,
            _ => CqlText.Format(type, value),
        };
    }
}
