using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Reflection;
using AsyncCassandra.Connections;
using AsyncCassandra.Protocol;
using AsyncCassandra.Protocol.Framing;
using AsyncCassandra.Protocol.Messages;

namespace AsyncCassandra.Tests.Protocol;

/// <summary>
/// Mutation fuzzing of whole streams of frames as a node sends them, read by the connection's real reader loop
/// (<see cref="FrameReader"/> over a stream of the bytes): v3/v4 envelopes (spec v4 §2: 9-byte header, [int] length)
/// and v5 segments (spec v5 §2: CRC24 headers, CRC32 payloads, LZ4 or not, envelopes split over segments). Mutations:
/// truncation, bit flips (bad CRCs on v5), extreme lengths and counts, random bytes, segment headers forged with a
/// valid CRC24 around a wrong length, and envelopes whose body counts are corrupted inside valid segments (also
/// decoded by the response reader). Every case must end in a typed exception (or a clean end of the bytes), allocate
/// no more than the bytes it was given plus the reader's fixed buffers, and take no time to speak of: nothing hangs.
/// A fixed seed makes every run the same; ASYNCCASSANDRA_FUZZ_CASES sets the count (the soak tool runs more).
/// </summary>
[Collection(AsyncCassandra.Tests.Connections.AllocationCollection.Name)]
public sealed class FrameFuzzTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int MaxFrame = 1024 * 1024;

    /// <summary>The reader's own buffers (64 KiB read buffer, doubled at most once for a 128 KiB segment) and small objects.</summary>
    private const long FixedAllocation = 512 * 1024;

    private static readonly ConstructorInfo ConnectionConstructor = typeof(Connection).GetConstructor(
        BindingFlags.NonPublic | BindingFlags.Instance, [typeof(string), typeof(int), typeof(byte), typeof(ConnectionSettings)])!;

    private static readonly FieldInfo ReaderField = typeof(Connection).GetField("_reader", BindingFlags.NonPublic | BindingFlags.Instance)!;

    private sealed record Corpus(string Name, byte Version, bool Compressed, byte[] Bytes, List<(int Offset, int HeaderLength)> Segments, List<byte[]> Envelopes);

    private static byte[] Envelope(byte version, short stream, Opcode opcode, byte[] body, HeaderFlags flags = HeaderFlags.None)
    {
        var frame = new byte[9 + body.Length];
        frame[0] = (byte)(0x80 | version);
        frame[1] = (byte)flags;
        BinaryPrimitives.WriteInt16BigEndian(frame.AsSpan(2), stream);
        frame[4] = (byte)opcode;
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(5), body.Length);
        body.CopyTo(frame, 9);
        return frame;
    }

    private static List<byte[]> Envelopes(byte version)
    {
        var list = new List<byte[]>();
        short stream = 1;
        foreach ((Opcode opcode, byte[] body) in MalformedResponseTests.ValidBodies())
        {
            list.Add(Envelope(version, opcode == Opcode.Event ? (short)-1 : stream++, opcode, body));
        }

        return list;
    }

    private static IEnumerable<Corpus> Corpora()
    {
        foreach (byte version in new byte[] { 3, 4 })
        {
            List<byte[]> envelopes = Envelopes(version);
            yield return new Corpus($"v{version} envelopes", version, false, [.. envelopes.SelectMany(e => e)], [], envelopes);
        }

        foreach (bool large in new[] { false, true })
        {
            foreach (bool compressed in new[] { false, true })
            {
                // READY (an envelope, before framing starts: v5 §2.3), then segments: the small envelopes packed into
                // one self-contained segment, and (large) a 130 KiB envelope split over non-self-contained ones.
                byte[] ready = Envelope(5, 0, Opcode.Ready, []);
                List<byte[]> envelopes = Envelopes(5);
                if (large)
                {
                    byte[] blob = new byte[130 * 1024];
                    new Random(5).NextBytes(blob);
                    envelopes.Add(Envelope(5, 9, Opcode.Result, [.. new Body().Int(0x0001).ToArray(), .. blob]));
                }

                var output = new ArrayBufferWriter<byte>();
                output.Write(ready);
                SegmentEncoder.WriteEnvelopes([.. envelopes.Select(e => (ReadOnlyMemory<byte>)e)], compressed, output);
                byte[] bytes = output.WrittenSpan.ToArray();
                var segments = new List<(int, int)>();
                for (int at = ready.Length; at < bytes.Length;)
                {
                    Assert.True(SegmentCodec.TryReadHeader(bytes.AsSpan(at), compressed, out SegmentHeader header));
                    segments.Add((at, header.HeaderLength));
                    at += header.TotalLength;
                }

                yield return new Corpus($"v5 segments{(compressed ? " (LZ4)" : string.Empty)}{(large ? ", large envelope" : string.Empty)}", 5, compressed, bytes, segments, envelopes);
            }
        }
    }

    /// <summary>Runs the connection's reader loop over the bytes; returns why it stopped (never null: the bytes end).</summary>
    private static async Task<(Exception Reason, long Allocated)> ReadAsync(Corpus corpus, byte[] bytes)
    {
        var settings = new ConnectionSettings { MaxFrameLength = MaxFrame, MaxRequestsPerConnection = 1, Compression = corpus.Compressed ? CompressionAlgorithm.Lz4 : CompressionAlgorithm.None };
        var connection = (Connection)ConnectionConstructor.Invoke(["fuzz", 9042, corpus.Version, settings]);
        var reader = (FrameReader)ReaderField.GetValue(connection)!;
        if (corpus.Version < 5)
        {
            reader.EndNegotiation();
        }
        else
        {
            reader.Lz4Segments = corpus.Compressed;
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        await reader.RunAsync(new MemoryStream(bytes, writable: false), CancellationToken.None);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Exception reason = connection.CloseReason!;
        await connection.DisposeAsync();
        return (reason, allocated);
    }

    /// <summary>Writes a v5 segment header (v5 §2.1, §2.2) with a valid CRC24 around the given lengths.</summary>
    private static void ForgeHeader(Span<byte> header, bool compressed, int payloadLength, int uncompressedLength, bool selfContained)
    {
        if (compressed)
        {
            ulong fields = ((ulong)payloadLength & 0x1FFFF) | (((ulong)uncompressedLength & 0x1FFFF) << 17) | (selfContained ? 1UL << 34 : 0);
            for (int i = 0; i < 5; i++)
            {
                header[i] = (byte)(fields >> (8 * i));
            }

            int crc = Crc24.Compute(header.Slice(0, 5));
            header[5] = (byte)crc;
            header[6] = (byte)(crc >> 8);
            header[7] = (byte)(crc >> 16);
        }
        else
        {
            int fields = (payloadLength & 0x1FFFF) | (selfContained ? 1 << 17 : 0);
            header[0] = (byte)fields;
            header[1] = (byte)(fields >> 8);
            header[2] = (byte)(fields >> 16);
            int crc = Crc24.Compute(header.Slice(0, 3));
            header[3] = (byte)crc;
            header[4] = (byte)(crc >> 8);
            header[5] = (byte)(crc >> 16);
        }
    }

    private static int Extreme(Random random) => random.Next(5) switch { 0 => 0, 1 => -1, 2 => int.MaxValue, 3 => random.Next(1, 64), _ => random.Next() };

    /// <summary>One mutation of a valid stream; <paramref name="envelope"/> is set when an envelope was corrupted inside valid framing.</summary>
    private static byte[] Mutate(Corpus corpus, Random random, out byte[]? envelope)
    {
        envelope = null;
        byte[] bytes = (byte[])corpus.Bytes.Clone();
        switch (random.Next(6))
        {
            case 0:
                return bytes.AsSpan(0, random.Next(bytes.Length)).ToArray(); // truncated
            case 1:
                for (int i = random.Next(1, 4); i > 0; i--)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8)); // bit flips: bad CRCs on v5
                }

                return bytes;
            case 2:
                {
                    // A length or count set to an extreme value (an envelope's length on v3/v4).
                    int at = random.Next(bytes.Length - 4);
                    BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(at, 4), Extreme(random));
                    return bytes;
                }

            case 3:
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                return bytes;
            case 4 when corpus.Segments.Count > 0:
                {
                    // A segment header with a valid CRC24 around a wrong length: oversized, undersized, zero, or an
                    // uncompressed length that the LZ4 block does not produce.
                    (int offset, int headerLength) = corpus.Segments[random.Next(corpus.Segments.Count)];
                    Assert.True(SegmentCodec.TryReadHeader(bytes.AsSpan(offset), corpus.Compressed, out SegmentHeader real));
                    int payload = random.Next(3) switch { 0 => 0x1FFFF, 1 => random.Next(0x20000), _ => Math.Max(0, real.PayloadLength + random.Next(-8, 9)) };
                    int uncompressed = corpus.Compressed ? random.Next(2) == 0 ? real.UncompressedLength : random.Next(0x20000) : 0;
                    ForgeHeader(bytes.AsSpan(offset, headerLength), corpus.Compressed, payload, uncompressed, random.Next(2) == 0);
                    return bytes;
                }

            default:
                {
                    // Wrong counts inside valid framing: corrupt [int] fields of one envelope's body, re-frame the rest.
                    List<byte[]> envelopes = [.. corpus.Envelopes.Select(e => (byte[])e.Clone())];
                    byte[] target = envelopes[random.Next(envelopes.Count)];
                    for (int fields = random.Next(1, 4); fields > 0 && target.Length > 13; fields--)
                    {
                        BinaryPrimitives.WriteInt32BigEndian(target.AsSpan(9 + random.Next(target.Length - 13), 4), Extreme(random));
                    }

                    envelope = target;
                    if (corpus.Version < 5)
                    {
                        return [.. envelopes.SelectMany(e => e)];
                    }

                    var output = new ArrayBufferWriter<byte>();
                    output.Write(Envelope(5, 0, Opcode.Ready, []));
                    SegmentEncoder.WriteEnvelopes([.. envelopes.Select(e => (ReadOnlyMemory<byte>)e)], corpus.Compressed, output);
                    return output.WrittenSpan.ToArray();
                }
        }
    }

    /// <summary>Decodes one envelope as a reply (header checks, then the body by opcode).</summary>
    private static void DecodeEnvelope(byte[] envelope, byte version)
    {
        FrameHeader header = FrameHeader.Read(envelope.AsSpan(0, 9), version, MaxFrame);
        if (header.BodyLength > envelope.Length - 9)
        {
            throw new ProtocolException("truncated");
        }

        byte[] body = ArrayPool<byte>.Shared.Rent(Math.Max(1, header.BodyLength));
        envelope.AsSpan(9, header.BodyLength).CopyTo(body);
        Response response = ResponseReader.Read(new ResponseFrame(header, body, header.BodyLength), version, null, ResultBuffers.Recycled);
        if (response.ResultKind == ResultKind.Rows)
        {
            RowSet rows = RowSet.From(response, ResultBuffers.Recycled);
            try
            {
                foreach (Row row in rows)
                {
                    for (int i = 0; i < row.Count; i++)
                    {
                        _ = row.GetValue(i);
                    }
                }
            }
            finally
            {
                rows.Recycle();
            }
        }
    }

    [Fact]
    public async Task A_hundred_thousand_mutated_v3_v4_and_v5_streams_end_in_typed_errors_with_bounded_allocation_and_no_hang()
    {
        int total = int.TryParse(Environment.GetEnvironmentVariable("ASYNCCASSANDRA_FUZZ_CASES"), out int n) ? n : 100_000;
        var random = new Random(20261207);
        List<Corpus> corpora = [.. Corpora()];
        var endings = new Dictionary<string, int>(StringComparer.Ordinal);
        long buffersBefore = ResourceCounters.FrameBuffersRented;
        var watch = Stopwatch.StartNew();
        TimeSpan slowest = TimeSpan.Zero;

        // The unmutated streams are read whole: every frame dispatched, then the end of the bytes.
        foreach (Corpus corpus in corpora)
        {
            (Exception reason, _) = await ReadAsync(corpus, corpus.Bytes);
            Assert.True(reason is ConnectionException { InnerException: null } && reason.Message.EndsWith("closed the connection.", StringComparison.Ordinal), $"{corpus.Name}: {reason}");
        }

        for (int i = 0; i < total; i++)
        {
            // v3, v4, v5 and v5 LZ4 streams twice as often as the two with a large envelope (which cost more per case).
            Corpus corpus = corpora[(i % 10) switch { < 2 => 0, < 4 => 1, < 6 => 2, < 8 => 3, 8 => 4, _ => 5 }];
            byte[] bytes = Mutate(corpus, random, out byte[]? envelope);
            var one = Stopwatch.StartNew();
            (Exception reason, long allocated) = await ReadAsync(corpus, bytes);
            if (reason is not (CassandraException or VersionRefusedException))
            {
                Assert.Fail($"case {i} ({corpus.Name}) ended in {reason.GetType().Name}: {reason.Message}\n{Convert.ToHexString(bytes.AsSpan(0, Math.Min(bytes.Length, 512)))}");
            }

            Assert.True(allocated <= bytes.Length + FixedAllocation, $"case {i} ({corpus.Name}) allocated {allocated} bytes reading {bytes.Length}: {reason.Message}");
            string ending = reason.GetType().Name;
            if (envelope is not null)
            {
                try
                {
                    DecodeEnvelope(envelope, corpus.Version);
                    ending += " / body decoded";
                }
                catch (Exception ex) when (ex is CassandraException or InvalidCastException or OverflowException)
                {
                    ending += " / body " + ex.GetType().Name;
                }
                catch (Exception ex)
                {
                    Assert.Fail($"case {i} ({corpus.Name}) body {Convert.ToHexString(envelope)} threw {ex.GetType().Name}: {ex.Message}");
                }
            }

            endings[ending] = endings.GetValueOrDefault(ending) + 1;
            if (one.Elapsed > slowest)
            {
                slowest = one.Elapsed;
            }
        }

        output.WriteLine($"{total:N0} cases in {watch.Elapsed.TotalSeconds:0.0} s (slowest {slowest.TotalMilliseconds:0.0} ms): {string.Join(", ", endings.OrderByDescending(e => e.Value).Select(e => $"{e.Key} {e.Value:N0}"))}");
        Assert.True(slowest < TimeSpan.FromSeconds(1), $"a case took {slowest}");
        Assert.Equal(buffersBefore, ResourceCounters.FrameBuffersRented);
        Assert.Contains(endings.Keys, k => k.StartsWith("ProtocolException", StringComparison.Ordinal));
    }
}
