using System.Buffers.Binary;
using System.Net;
using System.Numerics;
using System.Text;
using AsyncCassandra.Protocol;
using AsyncCassandra.Advanced;

namespace AsyncCassandra.Protocol.Types;

// Codecs for the native CQL types. Each checks the value's length: a wrong length is a malformed frame (spec v5 §5).
internal static class Lengths
{
    public static void Expect(ReadOnlySpan<byte> value, int length, string type)
    {
        if (value.Length != length)
        {
            throw new ProtocolException($"Malformed {type} value: {value.Length} bytes, expected {length} (spec §6).");
        }
    }
}

internal sealed class Int32Codec : CqlCodec<int>
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override int Read(ReadOnlySpan<byte> value)
    {
        Lengths.Expect(value, 4, "int");
        return BinaryPrimitives.ReadInt32BigEndian(value);
    }

    public override void Write(int value, CqlWriter writer) => writer.WriteInt(value);

    public override bool Accepts(CqlType type) => type.Code == CqlTypeCode.Int;
}

internal sealed class Int64Codec : CqlCodec<long>
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override long Read(ReadOnlySpan<byte> value)
    {
        Lengths.Expect(value, 8, "bigint");
        return BinaryPrimitives.ReadInt64BigEndian(value);
    }

    public override void Write(long value, CqlWriter writer) => writer.WriteLong(value);

    public override bool Accepts(CqlType type) => type.Code is CqlTypeCode.Bigint or CqlTypeCode.Counter or CqlTypeCode.Time or CqlTypeCode.Timestamp;
}

internal sealed class Int16Codec : CqlCodec<short>
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override short Read(ReadOnlySpan<byte> value)
    {
        Lengths.Expect(value, 2, "smallint");
        return BinaryPrimitives.ReadInt16BigEndian(value);
    }

    public override void Write(short value, CqlWriter writer) => writer.WriteShort(value);

    public override bool Accepts(CqlType type) => type.Code == CqlTypeCode.Smallint;
}

internal sealed class SByteCodec : CqlCodec<sbyte>
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override sbyte Read(ReadOnlySpan<byte> value)
    {
        Lengths.Expect(value, 1, "tinyint");
        return (sbyte)value[0];
    }

    public override void Write(sbyte value, CqlWriter writer) => writer.WriteByte((byte)value);

    public override bool Accepts(CqlType type) => type.Code == CqlTypeCode.Tinyint;
}

internal sealed class BooleanCodec : CqlCodec<bool>
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override bool Read(ReadOnlySpan<byte> value)
    {
        Lengths.Expect(value, 1, "boolean");
        return value[0] != 0;
    }

    public override void Write(bool value, CqlWriter writer) => writer.WriteByte(value ? (byte)1 : (byte)0);

    public override bool Accepts(CqlType type) => type.Code == CqlTypeCode.Boolean;
}

internal sealed class SingleCodec : CqlCodec<float>
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override float Read(ReadOnlySpan<byte> value)
    {
        Lengths.Expect(value, 4, "float");
        return BinaryPrimitives.ReadSingleBigEndian(value);
    }

    public override void Write(float value, CqlWriter writer)
    {
        BinaryPrimitives.WriteSingleBigEndian(writer.GetSpan(4), value);
        writer.Advance(4);
    }

    public override bool Accepts(CqlType type) => type.Code == CqlTypeCode.Float;
}

internal sealed class DoubleCodec : CqlCodec<double>
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override double Read(ReadOnlySpan<byte> value)
    {
        Lengths.Expect(value, 8, "double");
        return BinaryPrimitives.ReadDoubleBigEndian(value);
    }

    public override void Write(double value, CqlWriter writer)
    {
        BinaryPrimitives.WriteDoubleBigEndian(writer.GetSpan(8), value);
        writer.Advance(8);
    }

    public override bool Accepts(CqlType type) => type.Code == CqlTypeCode.Double;
}

internal sealed class StringCodec : CqlCodec<string>
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override string Read(ReadOnlySpan<byte> value) => value.IsEmpty ? string.Empty : Encoding.UTF8.GetString(value);

    public override void Write(string value, CqlWriter writer)
    {
        Span<byte> span = writer.GetSpan(Encoding.UTF8.GetMaxByteCount(value.Length));
        writer.Advance(Encoding.UTF8.GetBytes(value, span));
    }

    public override bool Accepts(CqlType type) => type.Code is CqlTypeCode.Varchar or CqlTypeCode.Ascii;
}

internal sealed class BytesCodec : CqlCodec<byte[]>
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override byte[] Read(ReadOnlySpan<byte> value) => value.ToArray();

    public override void Write(byte[] value, CqlWriter writer) => writer.WriteRaw(value);

    public override bool Accepts(CqlType type) => type.Code is CqlTypeCode.Blob or CqlTypeCode.Custom;
}

internal sealed class MemoryCodec : CqlCodec<ReadOnlyMemory<byte>>
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override ReadOnlyMemory<byte> Read(ReadOnlySpan<byte> value) => value.ToArray();

    public override void Write(ReadOnlyMemory<byte> value, CqlWriter writer) => writer.WriteRaw(value.Span);

    public override bool Accepts(CqlType type) => type.Code is CqlTypeCode.Blob or CqlTypeCode.Custom;
}

internal sealed class GuidCodec : CqlCodec<Guid>
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override Guid Read(ReadOnlySpan<byte> value)
    {
        Lengths.Expect(value, 16, "uuid");
        return new Guid(value, bigEndian: true);
    }

    public override void Write(Guid value, CqlWriter writer)
    {
        value.TryWriteBytes(writer.GetSpan(16), bigEndian: true, out _);
        writer.Advance(16);
    }

    public override bool Accepts(CqlType type) => type.Code is CqlTypeCode.Uuid or CqlTypeCode.Timeuuid;
}

internal sealed class DateTimeOffsetCodec : CqlCodec<DateTimeOffset>
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override DateTimeOffset Read(ReadOnlySpan<byte> value)
    {
        Lengths.Expect(value, 8, "timestamp");
        long milliseconds = BinaryPrimitives.ReadInt64BigEndian(value);
        if (milliseconds < -62135596800000L || milliseconds > 253402300799999L)
        {
            throw new OverflowException($"The timestamp {milliseconds} ms since the epoch is outside the range of DateTimeOffset (years 1-9999); read it as long instead.");
        }

        return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
    }

    public override void Write(DateTimeOffset value, CqlWriter writer) => writer.WriteLong(value.ToUnixTimeMilliseconds());

    public override bool Accepts(CqlType type) => type.Code == CqlTypeCode.Timestamp;
}

internal sealed class DateTimeCodec : CqlCodec<DateTime>
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override DateTime Read(ReadOnlySpan<byte> value) => CqlCodecs.DateTimeOffset.Read(value).UtcDateTime;

    public override void Write(DateTime value, CqlWriter writer)
    {
        // An unspecified kind is taken as UTC: the server stores instants, and guessing the local zone loses data silently.
        DateTime utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc);
        writer.WriteLong(new DateTimeOffset(utc).ToUnixTimeMilliseconds());
    }

    public override bool Accepts(CqlType type) => type.Code == CqlTypeCode.Timestamp;
}

internal sealed class DateOnlyCodec : CqlCodec<DateOnly>
{
    private const uint EpochOffset = 1u << 31;
    private static readonly int UnixEpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override DateOnly Read(ReadOnlySpan<byte> value)
    {
        Lengths.Expect(value, 4, "date");
        long days = (long)BinaryPrimitives.ReadUInt32BigEndian(value) - EpochOffset;
        long dayNumber = UnixEpochDayNumber + days;
        if (dayNumber < DateOnly.MinValue.DayNumber || dayNumber > DateOnly.MaxValue.DayNumber)
        {
            throw new OverflowException($"The date {days} days from the epoch is outside the range of DateOnly (years 1-9999); read it as uint instead.");
        }

        return DateOnly.FromDayNumber((int)dayNumber);
    }

    public override void Write(DateOnly value, CqlWriter writer) => writer.WriteInt((int)(uint)(EpochOffset + (uint)(value.DayNumber - UnixEpochDayNumber)));

    public override bool Accepts(CqlType type) => type.Code == CqlTypeCode.Date;
}

internal sealed class TimeOnlyCodec : CqlCodec<TimeOnly>
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override TimeOnly Read(ReadOnlySpan<byte> value)
    {
        Lengths.Expect(value, 8, "time");
        long nanoseconds = BinaryPrimitives.ReadInt64BigEndian(value);
        if (nanoseconds < 0 || nanoseconds >= 86_400_000_000_000L)
        {
            throw new ProtocolException($"Malformed time value: {nanoseconds} ns is outside 0..86399999999999 (spec §6).");
        }

        return new TimeOnly(nanoseconds / 100);
    }

    public override void Write(TimeOnly value, CqlWriter writer) => writer.WriteLong(value.Ticks * 100);

    public override bool Accepts(CqlType type) => type.Code == CqlTypeCode.Time;
}

internal sealed class BigIntegerCodec : CqlCodec<BigInteger>
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override BigInteger Read(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
        {
            throw new ProtocolException("Malformed varint value: zero bytes (spec §6).");
        }

        return new BigInteger(value, isUnsigned: false, isBigEndian: true);
    }

    public override void Write(BigInteger value, CqlWriter writer)
    {
        int count = value.GetByteCount(isUnsigned: false);
        value.TryWriteBytes(writer.GetSpan(count), out int written, isUnsigned: false, isBigEndian: true);
        writer.Advance(written);
    }

    public override bool Accepts(CqlType type) => type.Code == CqlTypeCode.Varint;
}

internal sealed class DecimalCodec : CqlCodec<decimal>
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override decimal Read(ReadOnlySpan<byte> value)
    {
        if (value.Length < 5)
        {
            throw new ProtocolException($"Malformed decimal value: {value.Length} bytes, at least 5 expected (spec §6).");
        }

        int scale = BinaryPrimitives.ReadInt32BigEndian(value);
        var unscaled = new BigInteger(value.Slice(4), isUnsigned: false, isBigEndian: true);
        bool negative = unscaled.Sign < 0;
        BigInteger magnitude = BigInteger.Abs(unscaled);
        if (magnitude.IsZero)
        {
            return 0m;
        }

        // .NET decimal holds a 96-bit magnitude and a scale of 0..28; bring larger scales down when no digits are lost.
        while (scale > 28 && magnitude % 10 == 0)
        {
            magnitude /= 10;
            scale--;
        }

        // A non-zero value with a scale below -28 is at least 10^29 > 2^96: refuse at once rather than multiply.
        if (scale < -28)
        {
            throw new OverflowException($"The CQL decimal {unscaled}E{-(long)scale} does not fit System.Decimal (96-bit mantissa, scale 0-28).");
        }

        while (scale < 0)
        {
            magnitude *= 10;
            scale++;
        }

        if (scale > 28 || magnitude.GetBitLength() > 96)
        {
            throw new OverflowException($"The CQL decimal {unscaled}E-{scale} does not fit System.Decimal (96-bit mantissa, scale 0-28); read the column as BigInteger parts or store a smaller precision.");
        }

        Span<byte> bytes = stackalloc byte[12];
        magnitude.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false);
        return new decimal(
            BinaryPrimitives.ReadInt32LittleEndian(bytes),
            BinaryPrimitives.ReadInt32LittleEndian(bytes.Slice(4)),
            BinaryPrimitives.ReadInt32LittleEndian(bytes.Slice(8)),
            negative,
            (byte)scale);
    }

    public override void Write(decimal value, CqlWriter writer)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        int scale = (bits[3] >> 16) & 0xFF;
        bool negative = bits[3] < 0;
        Span<byte> magnitudeBytes = stackalloc byte[12];
        BinaryPrimitives.WriteInt32LittleEndian(magnitudeBytes, bits[0]);
        BinaryPrimitives.WriteInt32LittleEndian(magnitudeBytes.Slice(4), bits[1]);
        BinaryPrimitives.WriteInt32LittleEndian(magnitudeBytes.Slice(8), bits[2]);
        var unscaled = new BigInteger(magnitudeBytes, isUnsigned: true, isBigEndian: false);
        if (negative)
        {
            unscaled = -unscaled;
        }

        writer.WriteInt(scale);
        CqlCodecs.BigInteger.Write(unscaled, writer);
    }

    public override bool Accepts(CqlType type) => type.Code == CqlTypeCode.Decimal;
}

internal sealed class IPAddressCodec : CqlCodec<IPAddress>
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override IPAddress Read(ReadOnlySpan<byte> value)
    {
        if (value.Length != 4 && value.Length != 16)
        {
            throw new ProtocolException($"Malformed inet value: {value.Length} bytes, expected 4 or 16 (spec §6).");
        }

        return new IPAddress(value);
    }

    public override void Write(IPAddress value, CqlWriter writer)
    {
        Span<byte> span = writer.GetSpan(16);
        value.TryWriteBytes(span, out int written);
        writer.Advance(written);
    }

    public override bool Accepts(CqlType type) => type.Code == CqlTypeCode.Inet;
}

internal sealed class DurationCodec : CqlCodec<CqlDuration>
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override CqlDuration Read(ReadOnlySpan<byte> value)
    {
        int offset = 0;
        long months = VInt.ReadSigned(value, ref offset);
        long days = VInt.ReadSigned(value, ref offset);
        long nanoseconds = VInt.ReadSigned(value, ref offset);
        if (offset != value.Length || months is < int.MinValue or > int.MaxValue || days is < int.MinValue or > int.MaxValue)
        {
            throw new ProtocolException("Malformed duration value: expected three [vint]s (months and days within 32 bits) and nothing else (spec v5 §5.7).");
        }

        if (!SameSign(months, days, nanoseconds))
        {
            throw new ProtocolException($"Malformed duration value: months {months}, days {days} and nanoseconds {nanoseconds} must not have different signs (spec v5 §5.7).");
        }

        return new CqlDuration((int)months, (int)days, nanoseconds);
    }

    private static bool SameSign(long months, long days, long nanoseconds) =>
        (months >= 0 && days >= 0 && nanoseconds >= 0) || (months <= 0 && days <= 0 && nanoseconds <= 0);

    public override void Write(CqlDuration value, CqlWriter writer)
    {
        if (!SameSign(value.Months, value.Days, value.Nanoseconds))
        {
            throw new ArgumentException($"A CQL duration's months ({value.Months}), days ({value.Days}) and nanoseconds ({value.Nanoseconds}) must all have the same sign.", nameof(value));
        }

        VInt.WriteSigned(value.Months, writer);
        VInt.WriteSigned(value.Days, writer);
        VInt.WriteSigned(value.Nanoseconds, writer);
    }

    // v3/v4 send duration as the custom type DurationType (Cassandra 3.10+), with the same bytes as v5's 0x0015.
    public override bool Accepts(CqlType type) => type.IsDuration;
}
