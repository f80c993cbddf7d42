using System.Buffers.Binary;
using AsyncCassandra.Connections;
using AsyncCassandra.Protocol;
using AsyncCassandra.Protocol.Framing;
using AsyncCassandra.Protocol.Messages;
using AsyncCassandra.Tests.Protocol;

namespace AsyncCassandra.Tests.Connections;

/// <summary>
/// A server cannot make the client allocate what it merely announces: lengths in frame headers, LZ4 prefixes and v5
/// envelope headers are honoured only as bytes actually arrive (or refused outright), so each hostile case below
/// allocates under 1 MiB and ends in a typed error. Allocation is measured on the thread that decodes, or, for the
/// socket cases, process-wide with nothing else running (this collection is not parallelised).
/// </summary>
[Collection(AllocationCollection.Name)]
public sealed class AllocationBoundTests
{
    private const long OneMiB = 1024 * 1024;
    private static readonly ConnectionSettings Settings = new() { HeartbeatInterval = TimeSpan.Zero, ConnectTimeout = TimeSpan.FromSeconds(5) };

    [Fact]
    public void A_v4_LZ4_body_of_5_bytes_announcing_256_MiB_is_refused_before_allocating()
    {
        // v4 §5: [int] uncompressed length, then the LZ4 block; here 0x10000000 (256 MiB) from a 1-byte block.
        byte[] body = Hex.Bytes("10000000 00");
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<ProtocolException>(() => Lz4BodyCompressor.Decompress(body, out _, out _));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < OneMiB, $"allocated {allocated} bytes");
        Assert.Contains("more than LZ4 can produce", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_v5_large_envelope_allocates_as_its_segments_arrive_not_what_its_header_announces()
    {
        // v5 §2.4: an envelope header announcing a 200 MiB body, in a non-self-contained segment with 100 body bytes.
        byte[] first = new byte[9 + 100];
        first[0] = 0x85;
        first[4] = (byte)Opcode.Result;
        BinaryPrimitives.WriteInt32BigEndian(first.AsSpan(5), 200 * 1024 * 1024);
        using var assembler = new SegmentAssembler();
        long before = GC.GetAllocatedBytesForCurrentThread();
        assembler.Feed(first, isSelfContained: false);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < OneMiB, $"allocated {allocated} bytes for 109 bytes received");
        Assert.False(assembler.TryReadEnvelope(out _));
        // The server then breaks the framing: a self-contained segment in the middle of the large envelope.
        Assert.Throws<ProtocolException>(() => assembler.Feed(new byte[9], isSelfContained: true));
    }

    [Fact]
    public void A_v5_large_envelope_still_assembles_across_many_segments()
    {
        // The growing buffer must not break what it bounds: a 1 MiB envelope in 128 KiB segments arrives whole.
        byte[] envelope = new byte[9 + (1024 * 1024)];
        envelope[0] = 0x85;
        envelope[4] = (byte)Opcode.Result;
        BinaryPrimitives.WriteInt32BigEndian(envelope.AsSpan(5), 1024 * 1024);
        new Random(7).NextBytes(envelope.AsSpan(9));
        using var assembler = new SegmentAssembler();
        ReadOnlyMemory<byte> whole = default;
        for (int offset = 0; offset < envelope.Length; offset += 128 * 1024)
        {
            assembler.Feed(envelope.AsMemory(offset, Math.Min(128 * 1024, envelope.Length - offset)), isSelfContained: false);
            if (assembler.TryReadEnvelope(out ReadOnlyMemory<byte> read))
            {
                whole = read;
            }
        }

        Assert.True(whole.Span.SequenceEqual(envelope));
    }

    [Fact]
    public async Task A_frame_header_announcing_200_MiB_followed_by_nothing_costs_no_more_than_the_bytes_received()
    {
        await using var server = new ScriptedServer(r => Header(r.Stream, 200 * 1024 * 1024, extra: 1000));
        await using Connection connection = await Connection.OpenAsync("127.0.0.1", server.Port, 3, null, Settings, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        long before = GC.GetTotalAllocatedBytes(precise: true);
        ValueTask<ResponseFrame> request = connection.SendAsync(Query(), cancel.Token);
        await Task.Delay(500); // the server sent the header and 1,000 body bytes and says no more
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await request);

        Assert.True(allocated < OneMiB, $"allocated {allocated} bytes while a 200 MiB frame was announced");
    }

    [Fact]
    public async Task A_frame_larger_than_MaxFrameLength_closes_the_connection_with_a_protocol_error_before_any_body_is_read()
    {
        await using var server = new ScriptedServer(r => Header(r.Stream, 2 * 1024 * 1024, extra: 0));
        await using Connection connection = await Connection.OpenAsync("127.0.0.1", server.Port, 3, null, Settings with { MaxFrameLength = 1024 * 1024 }, CancellationToken.None);
        long before = GC.GetTotalAllocatedBytes(precise: true);
        var error = await Assert.ThrowsAsync<ConnectionException>(async () => await connection.SendAsync(Query(), CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.IsType<ProtocolException>(error.InnerException);
        Assert.Contains("MaxFrameLength", error.InnerException!.Message, StringComparison.Ordinal);
        Assert.True(allocated < OneMiB, $"allocated {allocated} bytes");
    }

    [Fact]
    public async Task A_compressed_frame_on_a_connection_that_asked_for_no_compression_is_a_protocol_error()
    {
        await using var server = new ScriptedServer(r =>
        {
            byte[] frame = ScriptedServer.Frame(0x08, r.Stream, Hex.Bytes("10000000 00"));
            frame[1] = (byte)HeaderFlags.Compression;
            return frame;
        });
        await using Connection connection = await Connection.OpenAsync("127.0.0.1", server.Port, 3, null, Settings, CancellationToken.None);
        var error = await Assert.ThrowsAsync<ConnectionException>(async () => await connection.SendAsync(Query(), CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.IsType<ProtocolException>(error.InnerException);
        Assert.Contains("did not ask for compression", error.InnerException!.Message, StringComparison.Ordinal);
    }

    private static QueryRequest Query() => new("SELECT 1", new QueryParameters { Consistency = ConsistencyLevel.One });

    /// <summary>A RESULT header announcing <paramref name="bodyLength"/> bytes, followed by <paramref name="extra"/> of them.</summary>
    private static byte[] Header(short stream, int bodyLength, int extra)
    {
        byte[] frame = new byte[9 + extra];
        frame[0] = 0x83;
        BinaryPrimitives.WriteInt16BigEndian(frame.AsSpan(2), stream);
        frame[4] = 0x08;
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(5), bodyLength);
        return frame;
    }
}

/// <summary>Tests that measure process-wide allocation run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationCollection
{
    public const string Name = "allocation";
}
