using AsyncCassandra.Protocol.Framing;
using BenchmarkDotNet.Attributes;

namespace AsyncCassandra.Benchmarks;

/// <summary>
/// Protocol v5 framing (segments: CRC24 header, CRC32 trailer, optional LZ4) and v3/v4 LZ4 body compression, on a
/// payload cut from a bench.wide RESULT page (realistically compressible). Baseline: copying the payload, the least any
/// framing must do; the ratio is the cost of framing relative to a memcpy.
/// </summary>
[MemoryDiagnoser]
public class FramingBenchmarks
{
    private byte[] _payload = [];
    private byte[] _destination = [];
    private byte[] _plainSegment = [];
    private byte[] _lz4Segment = [];
    private byte[] _lz4Body = [];
    private readonly byte[] _header = [0x2A, 0x00, 0x02, 0, 0, 0, 0, 0];
    private readonly Lz4Output _output = new();

    /// <summary>Payload bytes: a small request, a typical reply, and the largest segment payload (2^17 - 1).</summary>
    [Params(64, 4096, SegmentCodec.MaxPayloadLength)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        byte[] page = WidePage.Build(2_000, withMetadata: true);
        _payload = page.AsSpan(0, Size).ToArray();
        _destination = new byte[SegmentCodec.GetMaxEncodedLength(Size, compressed: true) + Lz4BodyCompressor.GetMaxCompressedLength(Size)];
        _plainSegment = new byte[SegmentCodec.GetMaxEncodedLength(Size, false)];
        _plainSegment = _plainSegment.AsSpan(0, SegmentCodec.Write(_payload, true, false, _plainSegment)).ToArray();
        _lz4Segment = new byte[SegmentCodec.GetMaxEncodedLength(Size, true)];
        _lz4Segment = _lz4Segment.AsSpan(0, SegmentCodec.Write(_payload, true, true, _lz4Segment)).ToArray();
        _output.Reset(_destination);
        int n = Lz4BodyCompressor.Compress(_payload, _output);
        _lz4Body = _destination.AsSpan(0, n).ToArray();
    }

    [Benchmark(Baseline = true)]
    public int Copy()
    {
        _payload.CopyTo(_destination, 0);
        return _destination[0];
    }

    /// <summary>CRC24 of a 5-byte (LZ4-format) segment header; independent of the payload size.</summary>
    [Benchmark]
    public int Crc24Header() => Crc24.Compute(_header.AsSpan(0, 5));

    /// <summary>The CRC32 trailer (seeded with FA 2D 55 CA) of the payload.</summary>
    [Benchmark]
    public uint Crc32Payload() => Crc32Checksum.Compute(_payload);

    /// <summary>Whole uncompressed segment: header + CRC24, payload copy, CRC32.</summary>
    [Benchmark]
    public int WriteSegment() => SegmentCodec.Write(_payload, true, false, _destination);

    /// <summary>Whole LZ4 segment: LZ4 block (or stored when not smaller), header + CRC24, CRC32.</summary>
    [Benchmark]
    public int WriteSegmentLz4() => SegmentCodec.Write(_payload, true, true, _destination);

    /// <summary>Reading an uncompressed segment: header CRC24 check, CRC32 check, payload copy.</summary>
    [Benchmark]
    public int ReadSegment()
    {
        SegmentCodec.TryReadHeader(_plainSegment, false, out SegmentHeader header);
        return SegmentCodec.ReadPayload(_plainSegment, header, _destination);
    }

    /// <summary>Reading an LZ4 segment: header CRC24 check, CRC32 check, LZ4 decode.</summary>
    [Benchmark]
    public int ReadSegmentLz4()
    {
        SegmentCodec.TryReadHeader(_lz4Segment, true, out SegmentHeader header);
        return SegmentCodec.ReadPayload(_lz4Segment, header, _destination);
    }

    /// <summary>v3/v4 body compression (4-byte length + LZ4 block).</summary>
    [Benchmark]
    public int CompressBodyLz4()
    {
        _output.Reset(_destination);
        return Lz4BodyCompressor.Compress(_payload, _output);
    }

    /// <summary>v3/v4 body decompression into a pooled buffer (returned).</summary>
    [Benchmark]
    public int DecompressBodyLz4()
    {
        Lz4BodyCompressor.Decompress(_lz4Body, out byte[] buffer, out int length);
        System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        return length;
    }

    /// <summary>An allocation-free IBufferWriter over a fixed array.</summary>
    private sealed class Lz4Output : System.Buffers.IBufferWriter<byte>
    {
        private byte[] _buffer = [];
        private int _written;

        public void Reset(byte[] buffer)
        {
            _buffer = buffer;
            _written = 0;
        }

        public void Advance(int count) => _written += count;

        public Memory<byte> GetMemory(int sizeHint = 0) => _buffer.AsMemory(_written);

        public Span<byte> GetSpan(int sizeHint = 0) => _buffer.AsSpan(_written);
    }
}
