using AsyncCassandra.Execution;
using AsyncCassandra.Connections;
using AsyncCassandra.Protocol;
using AsyncCassandra.Protocol.Messages;
using AsyncCassandra.Protocol.Types;
using BenchmarkDotNet.Attributes;
using AsyncCassandra.Advanced;

namespace AsyncCassandra.Benchmarks;

/// <summary>
/// Encoding an EXECUTE with five values (int, int, text of 20 chars, bigint, uuid: a bench.wide-like insert) as a
/// whole frame, the way the connection does: <c>FrameEncoder.EncodeInto</c> appends the frame to the connection's
/// outgoing buffer (here one reused writer, reset after each frame as the writer loop does after a socket write).
/// Protocol v3 (the workloads' version).
/// </summary>
[MemoryDiagnoser]
public class ExecuteEncodeBenchmarks
{
    private const byte Version = 3;
    private static readonly byte[] PreparedId = Convert.FromHexString("8A3FD1C2B47E90A15D3C2B1A09F8E7D6");

    private readonly object?[] _boxed = [7, 42, "0000-000000000000042", 42_000_000_000_042L, Guid.Parse("00000000-0000-4000-8000-00000000002a")];
    private PreparedStatement _prepared = null!;
    private ColumnDefinitions _variables = null!;
    private CqlWriter _preEncoded = null!;
    private RequestDefaults _defaults;
    private readonly CqlWriter _outgoing = new(64 * 1024);

    [GlobalSetup]
    public void Setup()
    {
        CqlType[] types = [CqlType.Native(CqlTypeCode.Int), CqlType.Native(CqlTypeCode.Int), CqlType.Native(CqlTypeCode.Varchar), CqlType.Native(CqlTypeCode.Bigint), CqlType.Native(CqlTypeCode.Uuid)];
        string[] names = ["pk", "ck", "a", "b", "d"];
        _variables = new ColumnDefinitions([.. types.Select((t, i) => new ColumnDefinition(i, "bench", "wide", names[i], t))]);
        _prepared = new PreparedStatement(
            "INSERT INTO bench.wide (pk, ck, a, b, d) VALUES (?, ?, ?, ?, ?)", "bench",
            new PreparedState(PreparedId, null, _variables, new ColumnDefinitions([]), []));
        _defaults = new RequestDefaults(ConsistencyLevel.LocalOne, null, 5000);
        _preEncoded = new CqlWriter(128);
        EncodeWithCodecs(_preEncoded);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _preEncoded.Dispose();
        _outgoing.Dispose();
    }

    private void EncodeWithCodecs(CqlWriter w)
    {
        CqlCodecs.Int32.WriteValue(7, w);
        CqlCodecs.Int32.WriteValue(42, w);
        CqlCodecs.String.WriteValue("0000-000000000000042", w);
        CqlCodecs.Int64.WriteValue(42_000_000_000_042L, w);
        CqlCodecs.Guid.WriteValue(Guid.Parse("00000000-0000-4000-8000-00000000002a"), w);
    }

    private int EncodeFrame<TRequest>(in TRequest request)
        where TRequest : IRequest
    {
        _outgoing.Reset();
        FrameEncoder.EncodeInto(_outgoing, request, Version, streamId: 17, HeaderFlags.None, compressBody: false);
        return _outgoing.Length;
    }

    private int EncodeStatement(Statement statement) => EncodeFrame(new StatementRequest(statement, _defaults));

    /// <summary>Baseline: the frame of an EXECUTE whose values are already encoded bytes (a copy).</summary>
    [Benchmark(Baseline = true)]
    public int PreEncodedValues()
    {
        BoundStatement bound = _prepared.BindEncoded(5, _preEncoded);
        return EncodeStatement(bound);
    }

    /// <summary>Generated-repository style: values written by typed codecs into a pooled writer (no boxing), BindEncoded, frame.</summary>
    [Benchmark]
    public int CodecValues()
    {
        var values = new CqlWriter(128);
        EncodeWithCodecs(values);
        BoundStatement bound = _prepared.BindEncoded(5, values);
        int length = EncodeStatement(bound);
        values.Dispose();
        return length;
    }

    /// <summary>Object values already boxed: ObjectEncoder per value, directed by the prepared markers' types.</summary>
    [Benchmark]
    public int ObjectValuesPreBoxed()
    {
        var request = new ExecuteRequest(PreparedId, null, new QueryParameters
        {
            Consistency = ConsistencyLevel.LocalOne,
            PageSize = 5000,
            SkipMetadata = false,
            Values = new ObjectValues(_boxed, _variables),
        });
        return EncodeFrame(request);
    }

    /// <summary>The user path of W1/W3: prepared.Bind(5 values) (params array, boxing), then the frame.</summary>
    [Benchmark]
    public int BindAndEncode()
    {
        BoundStatement bound = _prepared.Bind(7, 42, "0000-000000000000042", 42_000_000_000_042L, Guid.Parse("00000000-0000-4000-8000-00000000002a"));
        return EncodeStatement(bound);
    }
}
