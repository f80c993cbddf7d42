using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Numerics;

namespace AsyncCassandra.Bulk.Text;

/// <summary>
/// Writes a non-null value's bytes (as the server sent them) as its text form (docs/bulk.md, "Text forms"), in UTF-8:
/// the plain text of scalars, JSON for collections, tuples and user-defined types.
/// </summary>
internal static class TextFormatter
{
    private static readonly byte[] Hex = "0123456789abcdef"u8.ToArray();

    /// <summary>The text form of a value (zero-length values are the caller's: they have no text form of their own).</summary>
    public static void Write(CqlType type, ReadOnlySpan<byte> value, ByteBuilder output)
    {
        switch (type.Code)
        {
            case CqlTypeCode.Ascii or CqlTypeCode.Varchar:
                output.Append(value);
                return;
            case CqlTypeCode.List or CqlTypeCode.Set or CqlTypeCode.Map or CqlTypeCode.Tuple or CqlTypeCode.Udt:
                JsonFormatter.Write(type, value, output);
                return;
            default:
                WriteScalar(type, value, output);
                return;
        }
    }

    /// <summary>Scalars other than text: numbers, dates and times, identifiers, addresses, bytes.</summary>
    public static void WriteScalar(CqlType type, ReadOnlySpan<byte> value, ByteBuilder output)
    {
        switch (type.Code)
        {
            case CqlTypeCode.Ascii or CqlTypeCode.Varchar:
                output.Append(value);
                break;
            case CqlTypeCode.Boolean:
                Expect(type, value, 1);
                output.Append(value[0] != 0 ? "true"u8 : "false"u8);
                break;
            case CqlTypeCode.Tinyint:
                Expect(type, value, 1);
                output.AppendFormatted((sbyte)value[0]);
                break;
            case CqlTypeCode.Smallint:
                Expect(type, value, 2);
                output.AppendFormatted(BinaryPrimitives.ReadInt16BigEndian(value));
                break;
            case CqlTypeCode.Int:
                Expect(type, value, 4);
                output.AppendFormatted(BinaryPrimitives.ReadInt32BigEndian(value));
                break;
            case CqlTypeCode.Bigint or CqlTypeCode.Counter:
                Expect(type, value, 8);
                output.AppendFormatted(BinaryPrimitives.ReadInt64BigEndian(value));
                break;
            case CqlTypeCode.Varint:
                output.Append(new BigInteger(value, isUnsigned: false, isBigEndian: true).ToString(CultureInfo.InvariantCulture));
                break;
            case CqlTypeCode.Decimal:
                WriteDecimal(type, value, output);
                break;
            case CqlTypeCode.Float:
                Expect(type, value, 4);
                output.AppendFormatted(BinaryPrimitives.ReadSingleBigEndian(value), "R");
                break;
            case CqlTypeCode.Double:
                Expect(type, value, 8);
                output.AppendFormatted(BinaryPrimitives.ReadDoubleBigEndian(value), "R");
                break;
            case CqlTypeCode.Timestamp:
                Expect(type, value, 8);
                WriteTimestamp(BinaryPrimitives.ReadInt64BigEndian(value), output);
                break;
            case CqlTypeCode.Date:
                Expect(type, value, 4);
                WriteDate(BinaryPrimitives.ReadUInt32BigEndian(value), output);
                break;
            case CqlTypeCode.Time:
                Expect(type, value, 8);
                WriteTime(BinaryPrimitives.ReadInt64BigEndian(value), output);
                break;
            case CqlTypeCode.Uuid or CqlTypeCode.Timeuuid:
                Expect(type, value, 16);
                WriteUuid(value, output);
                break;
            case CqlTypeCode.Inet:
                if (value.Length is not (4 or 16))
                {
                    throw new FormatException($"An inet value has {value.Length} bytes; expected 4 or 16.");
                }

                output.Append(new IPAddress(value).ToString());
                break;
            case CqlTypeCode.Duration:
                WriteDuration(value, output);
                break;
            case CqlTypeCode.Blob or CqlTypeCode.Custom:
                WriteHex(value, output);
                break;
            default:
                throw new NotSupportedException($"CQL type {type} has no text form.");
        }
    }

    private static void Expect(CqlType type, ReadOnlySpan<byte> value, int size)
    {
        if (value.Length != size)
        {
            throw new FormatException($"A {type} value has {value.Length} bytes; expected {size}.");
        }
    }

    private static void WriteHex(ReadOnlySpan<byte> value, ByteBuilder output)
    {
        Span<byte> target = output.GetSpan(2 + value.Length * 2);
        target[0] = (byte)'0';
        target[1] = (byte)'x';
        for (int i = 0; i < value.Length; i++)
        {
            target[2 + 2 * i] = Hex[value[i] >> 4];
            target[3 + 2 * i] = Hex[value[i] & 15];
        }

        output.Advance(2 + value.Length * 2);
    }

    private static void WriteUuid(ReadOnlySpan<byte> value, ByteBuilder output)
    {
        Span<byte> target = output.GetSpan(36);
        int position = 0;
        for (int i = 0; i < 16; i++)
        {
            if (i is 4 or 6 or 8 or 10)
            {
                target[position++] = (byte)'-';
            }

            target[position++] = Hex[value[i] >> 4];
            target[position++] = Hex[value[i] & 15];
        }

        output.Advance(36);
    }

    /// <summary>UTC ISO 8601 with milliseconds inside years 1-9999; outside them, milliseconds since the epoch.</summary>
    private static void WriteTimestamp(long milliseconds, ByteBuilder output)
    {
        if (milliseconds >= CqlTextParser.MinTimestampMilliseconds && milliseconds <= CqlTextParser.MaxTimestampMilliseconds)
        {
            output.AppendFormatted(DateTime.UnixEpoch.AddMilliseconds(milliseconds), "yyyy-MM-dd'T'HH:mm:ss.fff'Z'");
        }
        else
        {
            output.AppendFormatted(milliseconds);
        }
    }

    /// <summary>yyyy-MM-dd inside years 1-9999; outside them, days since the epoch.</summary>
    private static void WriteDate(uint raw, ByteBuilder output)
    {
        long days = (long)raw - (1L << 31);
        if (days >= CqlTextParser.MinDateDays && days <= CqlTextParser.MaxDateDays)
        {
            output.AppendFormatted(DateOnly.FromDayNumber((int)(days + CqlTextParser.EpochDayNumber)), "yyyy-MM-dd");
        }
        else
        {
            output.AppendFormatted(days);
        }
    }

    /// <summary>HH:mm:ss.fffffffff (nanoseconds since midnight).</summary>
    private static void WriteTime(long nanoseconds, ByteBuilder output)
    {
        if (nanoseconds < 0 || nanoseconds >= 86_400_000_000_000L)
        {
            throw new FormatException($"A time value of {nanoseconds} ns is outside a day.");
        }

        long seconds = nanoseconds / 1_000_000_000L;
        long fraction = nanoseconds % 1_000_000_000L;
        output.AppendFormatted(seconds / 3600, "00");
        output.Append((byte)':');
        output.AppendFormatted(seconds / 60 % 60, "00");
        output.Append((byte)':');
        output.AppendFormatted(seconds % 60, "00");
        output.Append((byte)'.');
        output.AppendFormatted(fraction, "000000000");
    }

    /// <summary>Months, days and nanoseconds: <c>1mo2d3ns</c>, negative durations with a leading minus on the whole.</summary>
    private static void WriteDuration(ReadOnlySpan<byte> value, ByteBuilder output)
    {
        int position = 0;
        long months = VInt.ReadSigned(value, ref position);
        long days = VInt.ReadSigned(value, ref position);
        long nanos = VInt.ReadSigned(value, ref position);
        bool negative = months < 0 || days < 0 || nanos < 0;
        if (negative)
        {
            output.Append((byte)'-');
        }

        output.Append(Math.Abs(months).ToString(CultureInfo.InvariantCulture));
        output.Append("mo"u8);
        output.Append(Math.Abs(days).ToString(CultureInfo.InvariantCulture));
        output.Append((byte)'d');
        output.Append(Math.Abs(nanos).ToString(CultureInfo.InvariantCulture));
        output.Append("ns"u8);
    }

    /// <summary>
    /// A decimal keeps its scale: plain notation (<c>1.50</c>) for scales 0 to 100, otherwise the unscaled value and an
    /// exponent (<c>123E+2</c> for scale -2, <c>5E-200</c> for scale 200).
    /// </summary>
    private static void WriteDecimal(CqlType type, ReadOnlySpan<byte> value, ByteBuilder output)
    {
        if (value.Length < 5)
        {
            throw new FormatException($"A {type} value has {value.Length} bytes; expected a 4-byte scale and at least one byte of value.");
        }

        int scale = BinaryPrimitives.ReadInt32BigEndian(value);
        var unscaled = new BigInteger(value[4..], isUnsigned: false, isBigEndian: true);
        output.Append(DecimalText(unscaled, scale));
    }

    public static string DecimalText(BigInteger unscaled, int scale)
    {
        if (scale < 0 || scale > 100)
        {
            return unscaled.ToString(CultureInfo.InvariantCulture) + "E" + (-(long)scale).ToString("+0;-0", CultureInfo.InvariantCulture);
        }

        string digits = BigInteger.Abs(unscaled).ToString(CultureInfo.InvariantCulture);
        string sign = unscaled.Sign < 0 ? "-" : string.Empty;
        if (scale == 0)
        {
            return sign + digits;
        }

        if (digits.Length <= scale)
        {
            digits = new string('0', scale - digits.Length + 1) + digits;
        }

        return sign + digits[..^scale] + "." + digits[^scale..];
    }
}
