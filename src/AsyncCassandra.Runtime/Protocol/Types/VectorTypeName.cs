using System.Globalization;

namespace AsyncCassandra.Protocol.Types;

/// <summary>
/// The server describes <c>vector&lt;T, n&gt;</c> (Cassandra 5.0) as a custom type whose Java class name carries the
/// element type and the dimension: <c>org.apache.cassandra.db.marshal.VectorType(org.apache.cassandra.db.marshal.FloatType,3)</c>.
/// This reads and writes that name for native elements and nested vectors; other elements are kept by class name.
/// </summary>
internal static class VectorTypeName
{
    private const string Package = "org.apache.cassandra.db.marshal.";
    private const string Vector = Package + "VectorType";

    private static readonly (string Class, CqlTypeCode Code)[] Marshal =
    [
        ("AsciiType", CqlTypeCode.Ascii), ("LongType", CqlTypeCode.Bigint), ("BytesType", CqlTypeCode.Blob),
        ("BooleanType", CqlTypeCode.Boolean), ("CounterColumnType", CqlTypeCode.Counter), ("DecimalType", CqlTypeCode.Decimal),
        ("DoubleType", CqlTypeCode.Double), ("FloatType", CqlTypeCode.Float), ("Int32Type", CqlTypeCode.Int),
        ("TimestampType", CqlTypeCode.Timestamp), ("UUIDType", CqlTypeCode.Uuid), ("UTF8Type", CqlTypeCode.Varchar),
        ("IntegerType", CqlTypeCode.Varint), ("TimeUUIDType", CqlTypeCode.Timeuuid), ("InetAddressType", CqlTypeCode.Inet),
        ("SimpleDateType", CqlTypeCode.Date), ("TimeType", CqlTypeCode.Time), ("ShortType", CqlTypeCode.Smallint),
        ("ByteType", CqlTypeCode.Tinyint), ("DurationType", CqlTypeCode.Duration),
    ];

    /// <summary>Reads a vector's class name; false for any other class name (or a malformed one).</summary>
    public static bool TryParse(string className, out CqlType element, out int dimensions)
    {
        element = null!;
        dimensions = 0;
        string name = className.Trim();
        if (!name.StartsWith(Vector + "(", StringComparison.Ordinal) || !name.EndsWith(')'))
        {
            return false;
        }

        string inner = name.Substring(Vector.Length + 1, name.Length - Vector.Length - 2);
        int comma = LastTopLevelComma(inner);
        if (comma < 0
            || !int.TryParse(inner.AsSpan(comma + 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out dimensions)
            || dimensions <= 0)
        {
            return false;
        }

        element = Element(inner[..comma].Trim());
        return true;
    }

    /// <summary>The class name of <c>vector&lt;element, dimensions&gt;</c>.</summary>
    public static string Format(CqlType element, int dimensions) =>
        $"{Vector}({ClassOf(element)},{dimensions.ToString(CultureInfo.InvariantCulture)})";

    private static CqlType Element(string className)
    {
        string shortName = className.StartsWith(Package, StringComparison.Ordinal) ? className[Package.Length..] : className;
        foreach ((string cls, CqlTypeCode code) in Marshal)
        {
            if (shortName == cls)
            {
                return CqlType.Native(code);
            }
        }

        // A nested vector parses itself; any other element (a collection, a UDT...) stays a custom type by name.
        return CqlType.Custom(className.StartsWith(Package, StringComparison.Ordinal) ? className : Package + className);
    }

    private static string ClassOf(CqlType element)
    {
        if (element.Code == CqlTypeCode.Custom)
        {
            return element.CustomName!;
        }

        foreach ((string cls, CqlTypeCode code) in Marshal)
        {
            if (code == element.Code)
            {
                return Package + cls;
            }
        }

        throw new ArgumentException($"vector<{element}, n> cannot be described by this client: its elements must be a native type or a vector.", nameof(element));
    }

    private static int LastTopLevelComma(string text)
    {
        int depth = 0;
        int comma = -1;
        for (int i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    comma = i;
                    break;
            }
        }

        return comma;
    }
}
