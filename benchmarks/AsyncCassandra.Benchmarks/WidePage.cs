using AsyncCassandra.Protocol;
using AsyncCassandra.Protocol.Messages;
using AsyncCassandra.Protocol.Types;
using AsyncCassandra.Advanced;

namespace AsyncCassandra.Benchmarks;

/// <summary>
/// A RESULT (kind Rows) body shaped like a page of bench.wide (WORKLOADS.md): pk int, ck int, a text (20 chars),
/// b bigint, c double, d uuid, e timestamp; built in memory per spec v3 §4.2.5.2.
/// </summary>
internal static class WidePage
{
    public const string Keyspace = "bench";
    public const string Table = "wide";

    public static readonly (string Name, CqlType Type)[] Schema =
    [
        ("pk", CqlType.Native(CqlTypeCode.Int)),
        ("ck", CqlType.Native(CqlTypeCode.Int)),
        ("a", CqlType.Native(CqlTypeCode.Varchar)),
        ("b", CqlType.Native(CqlTypeCode.Bigint)),
        ("c", CqlType.Native(CqlTypeCode.Double)),
        ("d", CqlType.Native(CqlTypeCode.Uuid)),
        ("e", CqlType.Native(CqlTypeCode.Timestamp)),
    ];

    /// <summary>The result columns, as a prepared statement caches them (what No_metadata pages are read with).</summary>
    public static ColumnDefinitions Columns() =>
        new([.. Schema.Select((c, i) => new ColumnDefinition(i, Keyspace, Table, c.Name, c.Type))]);

    /// <summary>
    /// The body: [int] kind=2, &lt;metadata&gt; (flags Has_more_pages, plus Global_tables_spec and the column specs
    /// unless <paramref name="withMetadata"/> is false, in which case No_metadata as after Skip_metadata), [bytes]
    /// paging state, then [int] row count and rows × 7 [bytes] values. Rows are those of partition 0 from ck
    /// <paramref name="firstCk"/>.
    /// </summary>
    public static byte[] Build(int rows, bool withMetadata, int firstCk = 0)
    {
        using var w = new CqlWriter(rows * 100 + 256);
        w.WriteInt(2); // Rows
        int flags = RowsMetadata.HasMorePages | (withMetadata ? RowsMetadata.GlobalTablesSpec : RowsMetadata.NoMetadata);
        w.WriteInt(flags);
        w.WriteInt(Schema.Length);
        w.WriteBytes(new byte[] { 0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x4e, 0x20, 0xf0, 0x7f, 0xff, 0xff, 0xf0, 0x7f, 0xff, 0xff });
        if (withMetadata)
        {
            w.WriteString(Keyspace);
            w.WriteString(Table);
            foreach ((string name, CqlType type) in Schema)
            {
                w.WriteString(name);
                type.Write(w);
            }
        }

        w.WriteInt(rows);
        var epoch = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (int ck = firstCk; ck < firstCk + rows; ck++)
        {
            const int pk = 0;
            int n = ck;
            CqlCodecs.Int32.WriteValue(pk, w);
            CqlCodecs.Int32.WriteValue(ck, w);
            CqlCodecs.String.WriteValue(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{pk:D4}-{ck:D15}"), w);
            CqlCodecs.Int64.WriteValue((pk * 1_000_000_000_000L) + ck, w);
            CqlCodecs.Double.WriteValue(n / 8.0, w);
            CqlCodecs.Guid.WriteValue(new Guid(0, 0, 0x4000, 0x80, 0, 0, 0, (byte)(n >> 24), (byte)(n >> 16), (byte)(n >> 8), (byte)n), w);
            CqlCodecs.DateTimeOffset.WriteValue(epoch.AddSeconds(n), w);
        }

        return w.WrittenSpan.ToArray();
    }
}

/// <summary>A row of bench.wide as a generated repository would map it (the record the target is about).</summary>
public sealed record WideRow(int Pk, int Ck, string A, long B, double C, Guid D, DateTimeOffset E);
