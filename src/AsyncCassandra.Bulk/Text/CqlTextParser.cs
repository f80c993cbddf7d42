using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Numerics;
using System.Text;
using System.Text.Json;
using AsyncCassandra.Advanced;

namespace AsyncCassandra.Bulk.Text;

/// <summary>
/// Turns a text form (docs/bulk.md, "Text forms") back into a value's bytes: the inverse of <see cref="TextFormatter"/>
/// and <see cref="JsonFormatter"/>. Bad text is a <see cref="FormatException"/> saying what was expected.
/// </summary>
internal static class CqlTextParser
{
    public const long MinTimestampMilliseconds = -62_135_596_800_000L;
    public const long MaxTimestampMilliseconds = 253_402_300_799_999L;
    public const int EpochDayNumber = 719_162;
    public const long MinDateDays = -EpochDayNumber;
    public const long MaxDateDays = 2_932_896;

    /// <summary>Writes the bytes (no length prefix) of a non-empty text form.</summary>
    public static void Write(CqlType type, string text, CqlWriter writer)
    {
        switch (type.Code)
        {
            case CqlTypeCode.Varchar:
                writer.WriteRaw(Encoding.UTF8.GetBytes(text));
                return;
            case CqlTypeCode.Ascii:
                foreach (char c in text)
                {
                    if (c > 127)
                    {
                        throw new FormatException($"'{c}' is not an ASCII character; an ascii column holds characters 0-127 only.");
                    }
                }

                writer.WriteRaw(Encoding.ASCII.GetBytes(text));
                return;
            case CqlTypeCode.List or CqlTypeCode.Set or CqlTypeCode.Map or CqlTypeCode.Tuple or CqlTypeCode.Udt:
                JsonDocument document;
                try
                {
                    document = JsonDocument.Parse(text);
                }
                catch (JsonException ex)
                {
                    throw new FormatException($"A {type} value is written as JSON ({Shape(type)}): {ex.Message}", ex);
                }

                using (document)
                {
                    WriteJson(type, document.RootElement, writer);
                }

                return;
            default:
                WriteScalar(type, text, writer);
                return;
        }
    }

    /// <summary>Writes a value from JSON (an NDJSON field, or an element of a collection); null is the caller's.</summary>
    public static void WriteJson(CqlType type, JsonElement element, CqlWriter writer)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                string text = element.GetString()!;
                if (text.Length > 0)
                {
                    Write(type, text, writer);
                }

                return;
            case JsonValueKind.Number:
                if (type.Code is CqlTypeCode.Varchar or CqlTypeCode.Ascii || type.IsCollection || type.Code is CqlTypeCode.Tuple or CqlTypeCode.Udt)
                {
                    throw new FormatException($"A number ({element.GetRawText()}) where a {type} value was expected.");
                }

                WriteScalar(type, element.GetRawText(), writer);
                return;
            case JsonValueKind.True or JsonValueKind.False:
                if (type.Code != CqlTypeCode.Boolean)
                {
                    throw new FormatException($"{element.GetRawText()} where a {type} value was expected.");
                }

                writer.WriteByte(element.ValueKind == JsonValueKind.True ? (byte)1 : (byte)0);
                return;
            case JsonValueKind.Array when type.Code is CqlTypeCode.List or CqlTypeCode.Set:
                writer.WriteInt(element.GetArrayLength());
                foreach (JsonElement item in element.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Null)
                    {
                        throw new FormatException($"A {type} cannot hold null elements.");
                    }

                    WriteItem(type.Arguments[0], item, writer);
                }

                return;
            case JsonValueKind.Array when type.Code == CqlTypeCode.Tuple:
                if (element.GetArrayLength() != type.Arguments.Count)
                {
                    throw new FormatException($"A {type} has {type.Arguments.Count} components; the array has {element.GetArrayLength()}.");
                }

                int index = 0;
                foreach (JsonElement item in element.EnumerateArray())
                {
                    WriteItem(type.Arguments[index++], item, writer);
                }

                return;
            case JsonValueKind.Object when type.Code == CqlTypeCode.Map:
                int count = 0;
                foreach (JsonProperty _ in element.EnumerateObject())
                {
                    count++;
                }

                writer.WriteInt(count);
                foreach (JsonProperty entry in element.EnumerateObject())
                {
                    if (entry.Value.ValueKind == JsonValueKind.Null)
                    {
                        throw new FormatException($"A {type} cannot hold null values (key \"{entry.Name}\").");
                    }

                    int keyMark = writer.BeginValue();
                    if (entry.Name.Length > 0)
                    {
                        Write(type.Arguments[0], entry.Name, writer);
                    }

                    writer.EndValue(keyMark);
                    WriteItem(type.Arguments[1], entry.Value, writer);
                }

                return;
            case JsonValueKind.Object when type.Code == CqlTypeCode.Udt:
                WriteUdt(type, element, writer);
                return;
            default:
                throw new FormatException($"{Describe(element)} where a {type} value was expected ({Shape(type)}).");
        }
    }

    private static void WriteItem(CqlType type, JsonElement item, CqlWriter writer)
    {
        if (item.ValueKind == JsonValueKind.Null)
        {
            writer.WriteNullValue();
            return;
        }

        int mark = writer.BeginValue();
        WriteJson(type, item, writer);
        writer.EndValue(mark);
    }

    private static void WriteUdt(CqlType type, JsonElement element, CqlWriter writer)
    {
        var fields = new JsonElement?[type.FieldNames.Count];
        foreach (JsonProperty property in element.EnumerateObject())
        {
            int index = -1;
            for (int i = 0; i < type.FieldNames.Count && index < 0; i++)
            {
                index = type.FieldNames[i] == property.Name ? i : -1;
            }

            for (int i = 0; i < type.FieldNames.Count && index < 0; i++)
            {
                index = string.Equals(type.FieldNames[i], property.Name, StringComparison.OrdinalIgnoreCase) ? i : -1;
            }

            if (index < 0)
            {
                throw new FormatException($"{type} has no field \"{property.Name}\"; its fields are {string.Join(", ", type.FieldNames)}.");
            }

            fields[index] = property.Value;
        }

        for (int i = 0; i < fields.Length; i++)
        {
            if (fields[i] is { } field)
            {
                WriteItem(type.Arguments[i], field, writer);
            }
            else
            {
                writer.WriteNullValue();
            }
        }
    }

    private static void WriteScalar(CqlType type, string text, CqlWriter writer)
    {
        CultureInfo invariant = CultureInfo.InvariantCulture;
        switch (type.Code)
        {
            case CqlTypeCode.Varchar or CqlTypeCode.Ascii:
                Write(type, text, writer);
                return;
            case CqlTypeCode.Boolean:
                writer.WriteByte(bool.TryParse(text, out bool flag) ? (flag ? (byte)1 : (byte)0) : throw Bad(text, type, "true or false"));
                return;
            case CqlTypeCode.Tinyint:
                writer.WriteByte(sbyte.TryParse(text, NumberStyles.AllowLeadingSign, invariant, out sbyte tiny) ? (byte)tiny : throw Bad(text, type, "a whole number from -128 to 127"));
                return;
            case CqlTypeCode.Smallint:
                writer.WriteShort(short.TryParse(text, NumberStyles.AllowLeadingSign, invariant, out short small) ? small : throw Bad(text, type, "a whole number from -32768 to 32767"));
                return;
            case CqlTypeCode.Int:
                writer.WriteInt(int.TryParse(text, NumberStyles.AllowLeadingSign, invariant, out int number) ? number : throw Bad(text, type, "a whole number from -2147483648 to 2147483647"));
                return;
            case CqlTypeCode.Bigint or CqlTypeCode.Counter:
                writer.WriteLong(long.TryParse(text, NumberStyles.AllowLeadingSign, invariant, out long big) ? big : throw Bad(text, type, "a whole number from -9223372036854775808 to 9223372036854775807"));
                return;
            case CqlTypeCode.Varint:
                writer.WriteRaw((BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, invariant, out BigInteger huge) ? huge : throw Bad(text, type, "a whole number")).ToByteArray(isUnsigned: false, isBigEndian: true));
                return;
            case CqlTypeCode.Decimal:
                (BigInteger unscaled, int scale) = ParseDecimal(text) ?? throw Bad(text, type, "a decimal number such as 1.50, -3 or 12E+3");
                writer.WriteInt(scale);
                writer.WriteRaw(unscaled.ToByteArray(isUnsigned: false, isBigEndian: true));
                return;
            case CqlTypeCode.Float:
                {
                    float value = float.TryParse(text, NumberStyles.Float, invariant, out float f) ? f : throw Bad(text, type, "a number, NaN, Infinity or -Infinity");
                    // NaN as Java writes it (0x7fc00000): .NET's float.NaN has the sign bit set.
                    BinaryPrimitives.WriteInt32BigEndian(writer.GetSpan(4), float.IsNaN(value) ? 0x7FC0_0000 : BitConverter.SingleToInt32Bits(value));
                    writer.Advance(4);
                    return;
                }

            case CqlTypeCode.Double:
                {
                    double value = double.TryParse(text, NumberStyles.Float, invariant, out double d) ? d : throw Bad(text, type, "a number, NaN, Infinity or -Infinity");
                    // NaN as Java writes it (0x7ff8000000000000): .NET's double.NaN has the sign bit set.
                    BinaryPrimitives.WriteInt64BigEndian(writer.GetSpan(8), double.IsNaN(value) ? 0x7FF8_0000_0000_0000L : BitConverter.DoubleToInt64Bits(value));
                    writer.Advance(8);
                    return;
                }

            case CqlTypeCode.Timestamp:
                writer.WriteLong(ParseTimestamp(text) ?? throw Bad(text, type, "an ISO 8601 date and time such as 2024-05-01T12:30:00.000Z, or milliseconds since 1970"));
                return;
            case CqlTypeCode.Date:
                writer.WriteInt((int)(uint)((ParseDate(text) ?? throw Bad(text, type, "a date such as 2024-05-01, or days since 1970")) + (1L << 31)));
                return;
            case CqlTypeCode.Time:
                writer.WriteLong(ParseTime(text) ?? throw Bad(text, type, "a time of day such as 13:45:00.123456789, or nanoseconds since midnight"));
                return;
            case CqlTypeCode.Uuid or CqlTypeCode.Timeuuid:
                {
                    Guid id = Guid.TryParse(text, out Guid g) ? g : throw Bad(text, type, "a UUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301");
                    id.TryWriteBytes(writer.GetSpan(16), bigEndian: true, out int written);
                    writer.Advance(written);
                    return;
                }

            case CqlTypeCode.Inet:
                writer.WriteRaw((IPAddress.TryParse(text, out IPAddress? address) ? address : throw Bad(text, type, "an IPv4 or IPv6 address")).GetAddressBytes());
                return;
            case CqlTypeCode.Duration:
                WriteDuration(text, type, writer);
                return;
            case CqlTypeCode.Blob or CqlTypeCode.Custom:
                writer.WriteRaw(ParseHex(text) ?? throw Bad(text, type, "0x followed by an even number of hex digits"));
                return;
            default:
                throw new NotSupportedException($"CQL type {type} has no text form.");
        }
    }

    private static FormatException Bad(string text, CqlType type, string expected)
    {
        string shown = text.Length > 60 ? text[..60] + "..." : text;
        return new FormatException($"'{shown}' is not a {type} value: expected {expected}.");
    }

    private static string Shape(CqlType type) => type.Code switch
    {
        CqlTypeCode.List or CqlTypeCode.Set => "a JSON array, e.g. [1,2]",
        CqlTypeCode.Map => "a JSON object keyed by the keys' text, e.g. {\"a\":1}",
        CqlTypeCode.Tuple => $"a JSON array of {type.Arguments.Count} components",
        CqlTypeCode.Udt => "a JSON object by field name",
        _ => "its text form",
    };

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => "A JSON array",
        JsonValueKind.Object => "A JSON object",
        JsonValueKind.Null => "null",
        _ => element.GetRawText(),
    };

    public static (BigInteger Unscaled, int Scale)? ParseDecimal(string text)
    {
        ReadOnlySpan<char> span = text.AsSpan().Trim();
        int exponentAt = span.IndexOfAny('e', 'E');
        long exponent = 0;
        if (exponentAt >= 0)
        {
            if (!long.TryParse(span[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
            {
                return null;
            }

            span = span[..exponentAt];
        }

        bool negative = span.StartsWith("-");
        if (negative || span.StartsWith("+"))
        {
            span = span[1..];
        }

        int point = span.IndexOf('.');
        string digits = point < 0 ? span.ToString() : string.Concat(span[..point], span[(point + 1)..]);
        int fraction = point < 0 ? 0 : span.Length - point - 1;
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
        {
            return null;
        }

        long scale = fraction - exponent;
        if (scale is < int.MinValue or > int.MaxValue)
        {
            return null;
        }

        BigInteger unscaled = BigInteger.Parse(digits, CultureInfo.InvariantCulture);
        return (negative ? -unscaled : unscaled, (int)scale);
    }

    public static long? ParseTimestamp(string text)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long milliseconds))
        {
            return milliseconds;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset parsed))
        {
            // Cassandra keeps milliseconds: finer digits are dropped (floor).
            long ticks = parsed.UtcTicks - DateTime.UnixEpoch.Ticks;
            return Math.DivRem(ticks, TimeSpan.TicksPerMillisecond) is var (quotient, remainder) && remainder < 0 ? quotient - 1 : quotient;
        }

        return null;
    }

    public static long? ParseDate(string text)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long days))
        {
            return days is >= int.MinValue and <= int.MaxValue ? days : null;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date)
            ? date.DayNumber - EpochDayNumber
            : null;
    }

    public static long? ParseTime(string text)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long nanoseconds))
        {
            return nanoseconds < 86_400_000_000_000L ? nanoseconds : null;
        }

        string[] parts = text.Split(':');
        if (parts.Length != 3 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int hours)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int minutes) || hours > 23 || minutes > 59)
        {
            return null;
        }

        string[] seconds = parts[2].Split('.');
        if (seconds.Length > 2 || !int.TryParse(seconds[0], NumberStyles.None, CultureInfo.InvariantCulture, out int whole) || whole > 59)
        {
            return null;
        }

        long fraction = 0;
        if (seconds.Length == 2)
        {
            string digits = seconds[1];
            if (digits.Length is 0 or > 9 || !long.TryParse(digits.PadRight(9, '0'), NumberStyles.None, CultureInfo.InvariantCulture, out fraction))
            {
                return null;
            }
        }

        return ((hours * 3600L) + (minutes * 60L) + whole) * 1_000_000_000L + fraction;
    }

    private static byte[]? ParseHex(string text)
    {
        if (!text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || text.Length % 2 != 0)
        {
            return null;
        }

        try
        {
            return Convert.FromHexString(text.AsSpan(2));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Units as CQL writes durations: y, mo, w, d, h, m, s, ms, us (or µs), ns; one leading minus for the whole.</summary>
    private static void WriteDuration(string text, CqlType type, CqlWriter writer)
    {
        ReadOnlySpan<char> span = text.AsSpan().Trim();
        bool negative = span.StartsWith("-");
        if (negative)
        {
            span = span[1..];
        }

        long months = 0, days = 0, nanos = 0;
        if (span.IsEmpty)
        {
            throw Bad(text, type, "a duration such as 1mo2d3ns or 1y2w3h");
        }

        try
        {
            checked
            {
                while (!span.IsEmpty)
                {
                    int digits = 0;
                    while (digits < span.Length && char.IsAsciiDigit(span[digits]))
                    {
                        digits++;
                    }

                    int letters = digits;
                    while (letters < span.Length && !char.IsAsciiDigit(span[letters]))
                    {
                        letters++;
                    }

                    if (digits == 0 || !long.TryParse(span[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out long amount))
                    {
                        throw Bad(text, type, "a duration such as 1mo2d3ns or 1y2w3h");
                    }

                    switch (span[digits..letters].ToString().ToLowerInvariant())
                    {
                        case "y": months += amount * 12; break;
                        case "mo": months += amount; break;
                        case "w": days += amount * 7; break;
                        case "d": days += amount; break;
                        case "h": nanos += amount * 3_600_000_000_000L; break;
                        case "m": nanos += amount * 60_000_000_000L; break;
                        case "s": nanos += amount * 1_000_000_000L; break;
                        case "ms": nanos += amount * 1_000_000L; break;
                        case "us" or "µs": nanos += amount * 1_000L; break;
                        case "ns": nanos += amount; break;
                        default: throw Bad(text, type, "a duration such as 1mo2d3ns or 1y2w3h (units y, mo, w, d, h, m, s, ms, us, ns)");
                    }

                    span = span[letters..];
                }
            }
        }
        catch (OverflowException)
        {
            throw Bad(text, type, "a duration that fits months and days in 32 bits and nanoseconds in 64");
        }

        if (months > int.MaxValue || days > int.MaxValue)
        {
            throw Bad(text, type, "a duration that fits months and days in 32 bits");
        }

        Span<byte> scratch = stackalloc byte[9];
        foreach (long part in new[] { negative ? -months : months, negative ? -days : days, negative ? -nanos : nanos })
        {
            VInt.WriteSigned(part, scratch, out int written);
            writer.WriteRaw(scratch[..written]);
        }
    }
}
