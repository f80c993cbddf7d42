using AsyncCassandra.Protocol;
using AsyncCassandra.Protocol.Messages;
using BenchmarkDotNet.Attributes;
using AsyncCassandra.Advanced;

namespace AsyncCassandra.Benchmarks;

/// <summary>
/// Decoding one 5,000-row page shaped like bench.wide (W2's page) through the runtime's own path:
/// <c>ResponseReader.Read</c> (RESULT → <see cref="RowSet"/>: value offsets only), then reading every column of every
/// row. <see cref="WithMetadata"/> false is what W2 receives (prepared EXECUTE with Skip_metadata: the page carries
/// No_metadata and is read with the prepared result columns); true is a page that carries its column specs.
/// Reported per page; divide by 5,000 for per-row figures.
/// </summary>
[MemoryDiagnoser]
public class PageDecodeBenchmarks
{
    private const int Rows = 5_000;
    private byte[] _body = [];
    private ColumnDefinitions _columns = null!;

    [Params(false, true)]
    public bool WithMetadata { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _body = WidePage.Build(Rows, WithMetadata);
        _columns = WidePage.Columns();
        if (DecodeRowsByIndex_Checksum() == 0)
        {
            throw new InvalidOperationException("The page decodes to nothing.");
        }
    }

    private RowSet Decode()
    {
        // The reader keeps the buffer of a non-empty Rows result (the RowSet references it), so it is never returned
        // to the pool and the same body can be decoded again and again.
        var frame = new ResponseFrame(new FrameHeader(3, true, HeaderFlags.None, 1, Opcode.Result, _body.Length), _body, _body.Length);
        return RowSet.From(ResponseReader.Read(frame, 3, WithMetadata ? null : _columns), ResultBuffers.Owned);
    }

    /// <summary>Baseline: RESULT body → RowSet (metadata, paging state, one offset per value), no value read.</summary>
    [Benchmark(Baseline = true)]
    public int DecodeOnly() => Decode().Count;

    /// <summary>W2 / W2p per-row work: a Row per row, every column by index with Row.Get&lt;T&gt;.</summary>
    [Benchmark]
    public long DecodeRowsByIndex() => DecodeRowsByIndex_Checksum();

    /// <summary>W2n: every column by name (Row.Get&lt;T&gt;("pk")).</summary>
    [Benchmark]
    public long DecodeRowsByName()
    {
        RowSet page = Decode();
        long chk = 0;
        for (int i = 0; i < page.Count; i++)
        {
            Row r = page[i];
            chk += Fold(r.Get<int>("pk"), r.Get<int>("ck"), r.Get<string>("a"), r.Get<long>("b"), r.Get<double>("c"), r.Get<Guid>("d"), r.Get<DateTimeOffset>("e"));
        }

        return chk;
    }

    /// <summary>W2c: no Row objects, codecs straight on the RowSet (RowSet.Read(row, column, codec)).</summary>
    [Benchmark]
    public long DecodeCodecs()
    {
        RowSet page = Decode();
        long chk = 0;
        for (int i = 0; i < page.Count; i++)
        {
            chk += Fold(
                page.Read(i, 0, CqlCodecs.Int32), page.Read(i, 1, CqlCodecs.Int32), page.Read(i, 2, CqlCodecs.String)!, page.Read(i, 3, CqlCodecs.Int64),
                page.Read(i, 4, CqlCodecs.Double), page.Read(i, 5, CqlCodecs.Guid), page.Read(i, 6, CqlCodecs.DateTimeOffset));
        }

        return chk;
    }

    /// <summary>
    /// Into a record, as a generated repository maps it (hand-written stand-in until the generator lands: codecs per
    /// column, one record per row). Allocation target: the record and its string only, per row.
    /// </summary>
    [Benchmark]
    public long DecodeIntoRecord()
    {
        RowSet page = Decode();
        long chk = 0;
        for (int i = 0; i < page.Count; i++)
        {
            var row = new WideRow(
                page.Read(i, 0, CqlCodecs.Int32), page.Read(i, 1, CqlCodecs.Int32), page.Read(i, 2, CqlCodecs.String)!, page.Read(i, 3, CqlCodecs.Int64),
                page.Read(i, 4, CqlCodecs.Double), page.Read(i, 5, CqlCodecs.Guid), page.Read(i, 6, CqlCodecs.DateTimeOffset));
            chk += Fold(row.Pk, row.Ck, row.A, row.B, row.C, row.D, row.E);
        }

        return chk;
    }

    /// <summary>
    /// The generated-repository path exactly: the body in a pooled receive buffer (as the reader loop hands it over),
    /// decoded for a consumer that recycles (statements bound with BindEncoded), mapped to records with codecs, then
    /// recycled. Allocation target: the record and its string only, per row.
    /// </summary>
    [Benchmark]
    public long DecodeIntoRecordRecycled()
    {
        byte[] received = System.Buffers.ArrayPool<byte>.Shared.Rent(_body.Length);
        _body.CopyTo(received, 0);
        var frame = new ResponseFrame(new FrameHeader(3, true, HeaderFlags.None, 1, Opcode.Result, _body.Length), received, _body.Length);
        var page = RowSet.From(ResponseReader.Read(frame, 3, WithMetadata ? null : _columns, ResultBuffers.Recycled), ResultBuffers.Recycled);
        long chk = 0;
        for (int i = 0; i < page.Count; i++)
        {
            var row = new WideRow(
                page.Read(i, 0, CqlCodecs.Int32), page.Read(i, 1, CqlCodecs.Int32), page.Read(i, 2, CqlCodecs.String)!, page.Read(i, 3, CqlCodecs.Int64),
                page.Read(i, 4, CqlCodecs.Double), page.Read(i, 5, CqlCodecs.Guid), page.Read(i, 6, CqlCodecs.DateTimeOffset));
            chk += Fold(row.Pk, row.Ck, row.A, row.B, row.C, row.D, row.E);
        }

        page.Recycle();
        return chk;
    }

    private long DecodeRowsByIndex_Checksum()
    {
        RowSet page = Decode();
        long chk = 0;
        for (int i = 0; i < page.Count; i++)
        {
            Row r = page[i];
            chk += Fold(r.Get<int>(0), r.Get<int>(1), r.Get<string>(2), r.Get<long>(3), r.Get<double>(4), r.Get<Guid>(5), r.Get<DateTimeOffset>(6));
        }

        return chk;
    }

    /// <summary>The W2 checksum term (WORKLOADS.md).</summary>
    private static long Fold(int pk, int ck, string a, long b, double c, Guid d, DateTimeOffset e)
    {
        Span<byte> bytes = stackalloc byte[16];
        d.TryWriteBytes(bytes, bigEndian: true, out _);
        return pk + ck + a.Length + (b % 1000) + ((long)Math.Floor(c) % 1000) + bytes[15] + e.UtcDateTime.Second;
    }
}
