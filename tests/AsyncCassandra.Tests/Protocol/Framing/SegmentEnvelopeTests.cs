using System.Buffers;
using System.Buffers.Binary;
using AsyncCassandra.Protocol.Framing;

namespace AsyncCassandra.Tests.Protocol.Framing;

/// <summary>v5 spec §1 and §2.4: envelopes packed into self-contained segments, large envelopes split and reassembled.</summary>
public class SegmentEnvelopeTests
{
    private sealed record DecodedSegment(SegmentHeader Header, byte[] Payload);

    /// <summary>Decodes a byte stream of consecutive segments, as a connection read loop would.</summary>
    private static List<DecodedSegment> ReadSegments(ReadOnlySpan<byte> stream, bool compressed)
    {
        var segments = new List<DecodedSegment>();
        while (!stream.IsEmpty)
        {
            Assert.True(SegmentCodec.TryReadHeader(stream, compressed, out SegmentHeader header));
            byte[] payload = new byte[header.DecodedLength];
            Assert.Equal(payload.Length, SegmentCodec.ReadPayload(stream, header, payload));
            segments.Add(new DecodedSegment(header, payload));
            stream = stream.Slice(header.TotalLength);
        }

        return segments;
    }

    private static List<byte[]> Assemble(List<DecodedSegment> segments)
    {
        var envelopes = new List<byte[]>();
        using var assembler = new SegmentAssembler();
        foreach (DecodedSegment segment in segments)
        {
            assembler.Feed(segment.Payload, segment.Header.IsSelfContained);
            while (assembler.TryReadEnvelope(out ReadOnlyMemory<byte> envelope))
            {
                envelopes.Add(envelope.ToArray());
            }
        }

        Assert.False(assembler.HasPartialEnvelope);
        return envelopes;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Spec_1_a_300_KiB_envelope_is_split_into_3_non_self_contained_segments_and_reassembled(bool compressed)
    {
        byte[] envelope = FramingReference.Envelope(stream: 7, bodyLength: (300 * 1024) - 9, seed: 300);
        Assert.Equal(300 * 1024, envelope.Length);

        var output = new ArrayBufferWriter<byte>();
        Assert.Equal(3, SegmentCodec.WriteEnvelope(envelope, compressed, output));

        List<DecodedSegment> segments = ReadSegments(output.WrittenSpan, compressed);
        Assert.Equal(3, segments.Count);
        Assert.All(segments, s => Assert.False(s.Header.IsSelfContained));
        Assert.Equal(new[] { 131071, 131071, (300 * 1024) - (2 * 131071) }, segments.Select(s => s.Payload.Length).ToArray());

        List<byte[]> envelopes = Assemble(segments);
        Assert.Single(envelopes);
        Assert.Equal(envelope, envelopes[0]);
    }

    [Fact]
    public void Spec_1_assembler_yields_nothing_until_the_last_part_of_a_large_envelope_arrives()
    {
        byte[] envelope = FramingReference.Envelope(stream: 1, bodyLength: 300_000, seed: 5);
        using var assembler = new SegmentAssembler();
        int offset = 0;
        int parts = 0;
        while (offset < envelope.Length)
        {
            int chunk = Math.Min(SegmentCodec.MaxPayloadLength, envelope.Length - offset);
            assembler.Feed(envelope.AsMemory(offset, chunk), isSelfContained: false);
            offset += chunk;
            parts++;
            bool last = offset == envelope.Length;
            Assert.Equal(!last, assembler.HasPartialEnvelope);
            Assert.Equal(last, assembler.TryReadEnvelope(out ReadOnlyMemory<byte> result));
            if (last)
            {
                Assert.Equal(envelope, result.ToArray());
                Assert.False(assembler.TryReadEnvelope(out _));
            }
        }

        Assert.Equal(3, parts);
    }

    [Fact]
    public void Spec_1_large_envelope_header_may_straddle_non_self_contained_segments()
    {
        byte[] envelope = FramingReference.Envelope(stream: 3, bodyLength: 20, seed: 6);
        using var assembler = new SegmentAssembler();
        assembler.Feed(envelope.AsMemory(0, 4), isSelfContained: false);
        Assert.True(assembler.HasPartialEnvelope);
        Assert.False(assembler.TryReadEnvelope(out _));
        assembler.Feed(envelope.AsMemory(4, 10), isSelfContained: false);
        Assert.False(assembler.TryReadEnvelope(out _));
        assembler.Feed(envelope.AsMemory(14), isSelfContained: false);
        Assert.True(assembler.TryReadEnvelope(out ReadOnlyMemory<byte> result));
        Assert.Equal(envelope, result.ToArray());
        Assert.False(assembler.HasPartialEnvelope);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Spec_1_several_envelopes_are_packed_into_one_self_contained_segment(bool compressed)
    {
        byte[][] envelopes =
        [
            FramingReference.Envelope(stream: 1, bodyLength: 0, seed: 1),
            FramingReference.Envelope(stream: 2, bodyLength: 50, seed: 2),
            FramingReference.Envelope(stream: 3, bodyLength: 1000, seed: 3),
        ];

        var output = new ArrayBufferWriter<byte>();
        using (var encoder = new SegmentEncoder(compressed))
        {
            foreach (byte[] envelope in envelopes)
            {
                encoder.Add(envelope, output);
            }

            Assert.Equal(0, output.WrittenCount); // nothing written before Flush
            Assert.Equal(9 + 59 + 1009, encoder.PendingLength);
            encoder.Flush(output);
            Assert.Equal(0, encoder.PendingLength);
        }

        List<DecodedSegment> segments = ReadSegments(output.WrittenSpan, compressed);
        DecodedSegment segment = Assert.Single(segments);
        Assert.True(segment.Header.IsSelfContained);
        Assert.Equal(envelopes.SelectMany(e => e).ToArray(), segment.Payload);

        List<byte[]> decoded = Assemble(segments);
        Assert.Equal(envelopes.Length, decoded.Count);
        for (int i = 0; i < envelopes.Length; i++)
        {
            Assert.Equal(envelopes[i], decoded[i]);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Spec_1_mixed_small_and_large_envelopes_keep_their_order(bool compressed)
    {
        byte[][] envelopes =
        [
            FramingReference.Envelope(stream: 1, bodyLength: 70_000, seed: 11),
            FramingReference.Envelope(stream: 2, bodyLength: 70_000, seed: 12), // does not fit beside #1: new segment
            FramingReference.Envelope(stream: 3, bodyLength: 200_000, seed: 13), // large: 2 non-self-contained segments
            FramingReference.Envelope(stream: 4, bodyLength: 10, seed: 14),
            FramingReference.Envelope(stream: 5, bodyLength: SegmentCodec.MaxPayloadLength - 9, seed: 15), // exactly one full segment
        ];

        var output = new ArrayBufferWriter<byte>();
        SegmentEncoder.WriteEnvelopes(envelopes.Select(e => (ReadOnlyMemory<byte>)e).ToList(), compressed, output);

        List<DecodedSegment> segments = ReadSegments(output.WrittenSpan, compressed);
        Assert.Equal(new[] { true, true, false, false, true, true }, segments.Select(s => s.Header.IsSelfContained).ToArray());
        Assert.Equal(SegmentCodec.MaxPayloadLength, segments[5].Payload.Length);

        List<byte[]> decoded = Assemble(segments);
        Assert.Equal(envelopes.Length, decoded.Count);
        for (int i = 0; i < envelopes.Length; i++)
        {
            Assert.Equal(envelopes[i], decoded[i]);
        }
    }

    [Fact]
    public void Spec_1_envelope_of_exactly_max_payload_length_is_one_self_contained_segment()
    {
        byte[] envelope = FramingReference.Envelope(stream: 9, bodyLength: SegmentCodec.MaxPayloadLength - 9, seed: 8);
        var output = new ArrayBufferWriter<byte>();
        Assert.Equal(1, SegmentCodec.WriteEnvelope(envelope, compressed: false, output));
        DecodedSegment segment = Assert.Single(ReadSegments(output.WrittenSpan, compressed: false));
        Assert.True(segment.Header.IsSelfContained);

        byte[] oneMore = FramingReference.Envelope(stream: 9, bodyLength: SegmentCodec.MaxPayloadLength - 8, seed: 8);
        output.Clear();
        Assert.Equal(2, SegmentCodec.WriteEnvelope(oneMore, compressed: false, output));
        Assert.Single(ReadSegments(output.WrittenSpan, compressed: false)[1].Payload);
    }

    [Fact]
    public void Spec_1_self_contained_payload_ending_inside_an_envelope_raises_ProtocolException()
    {
        byte[] first = FramingReference.Envelope(stream: 1, bodyLength: 10, seed: 1);
        byte[] second = FramingReference.Envelope(stream: 2, bodyLength: 10, seed: 2);
        byte[] payload = first.Concat(second.Take(15)).ToArray(); // second envelope cut short
        using var assembler = new SegmentAssembler();
        var error = Assert.Throws<ProtocolException>(() => assembler.Feed(payload, isSelfContained: true));
        Assert.Contains("ends inside an envelope", error.Message, StringComparison.Ordinal);
        Assert.False(assembler.TryReadEnvelope(out _)); // nothing of the corrupt payload is delivered

        using var assembler2 = new SegmentAssembler();
        Assert.Throws<ProtocolException>(() => assembler2.Feed(first.Concat(second.Take(5)).ToArray(), isSelfContained: true));
    }

    [Fact]
    public void Spec_1_self_contained_segment_during_a_partial_large_envelope_raises_ProtocolException()
    {
        byte[] large = FramingReference.Envelope(stream: 1, bodyLength: 1000, seed: 1);
        using var assembler = new SegmentAssembler();
        assembler.Feed(large.AsMemory(0, 500), isSelfContained: false);
        Assert.Throws<ProtocolException>(() => assembler.Feed(FramingReference.Envelope(2, 1, 2), isSelfContained: true));
    }

    [Fact]
    public void Spec_1_non_self_contained_segment_running_past_its_envelope_raises_ProtocolException()
    {
        byte[] large = FramingReference.Envelope(stream: 1, bodyLength: 1000, seed: 1);
        byte[] tooMuch = large.Concat(new byte[] { 0x85 }).ToArray();
        using var assembler = new SegmentAssembler();
        assembler.Feed(tooMuch.AsMemory(0, 600), isSelfContained: false);
        Assert.Throws<ProtocolException>(() => assembler.Feed(tooMuch.AsMemory(600), isSelfContained: false));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    [InlineData((256 * 1024 * 1024) + 1)]
    public void Spec_2_4_1_5_envelope_body_length_out_of_range_raises_ProtocolException(int bodyLength)
    {
        byte[] header = FramingReference.Envelope(stream: 1, bodyLength: 0, seed: 1);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(5), bodyLength);
        using var assembler = new SegmentAssembler();
        Assert.Throws<ProtocolException>(() => assembler.Feed(header, isSelfContained: true));
        using var assembler2 = new SegmentAssembler();
        Assert.Throws<ProtocolException>(() => assembler2.Feed(header, isSelfContained: false));
    }

    [Fact]
    public void Feeding_before_draining_the_previous_payload_is_a_usage_error()
    {
        byte[] two = FramingReference.Envelope(1, 3, 1).Concat(FramingReference.Envelope(2, 3, 2)).ToArray();
        using var assembler = new SegmentAssembler();
        assembler.Feed(two, isSelfContained: true);
        Assert.True(assembler.TryReadEnvelope(out _));
        Assert.Throws<InvalidOperationException>(() => assembler.Feed(two, isSelfContained: true));
        Assert.True(assembler.TryReadEnvelope(out _));
        Assert.False(assembler.TryReadEnvelope(out _));
        assembler.Feed(two, isSelfContained: true); // drained: fine
    }

    [Fact]
    public void Empty_self_contained_payload_yields_no_envelope()
    {
        using var assembler = new SegmentAssembler();
        assembler.Feed(ReadOnlyMemory<byte>.Empty, isSelfContained: true);
        Assert.False(assembler.TryReadEnvelope(out _));
    }

    [Fact]
    public void Self_contained_envelopes_are_returned_without_copying()
    {
        byte[] payload = FramingReference.Envelope(1, 3, 1).Concat(FramingReference.Envelope(2, 4, 2)).ToArray();
        using var assembler = new SegmentAssembler();
        assembler.Feed(payload, isSelfContained: true);
        Assert.True(assembler.TryReadEnvelope(out ReadOnlyMemory<byte> first));
        Assert.True(assembler.TryReadEnvelope(out ReadOnlyMemory<byte> second));
        Assert.Equal(12, first.Length);
        Assert.Equal(13, second.Length);
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(second, out ArraySegment<byte> segment));
        Assert.Same(payload, segment.Array);
        Assert.Equal(12, segment.Offset);
    }
}
