using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Text;

namespace AsyncCassandra.ServerModel;

/// <summary>A CQL type as result metadata describes it (v5 §4.2.5.2 [option]), with the values it serializes (§5).</summary>
public sealed record ColumnType(int Id, string Name, params ColumnType[] Args)
{
    public static readonly ColumnType Ascii = new(0x01, "ascii");
    public static readonly ColumnType BigInt = new(0x02, "bigint");
    public static readonly ColumnType Blob = new(0x03, "blob");
    public static readonly ColumnType Boolean = new(0x04, "boolean");
    public static readonly ColumnType Double = new(0x07, "double");
    public static readonly ColumnType Int = new(0x09, "int");
    public static readonly ColumnType Timestamp = new(0x0B, "timestamp");
    public static readonly ColumnType Uuid = new(0x0C, "uuid");
    public static readonly ColumnType Text = new(0x0D, "text");
    public static readonly ColumnType Inet = new(0x10, "inet");

    public static ColumnType ListOf(ColumnType element) => new(0x20, $"list<{element.Name}>", element);

    public static ColumnType SetOf(ColumnType element) => new(0x22, $"set<{element.Name}>", element);

    public static ColumnType MapOf(ColumnType key, ColumnType value) => new(0x21, $"map<{key.Name}, {value.Name}>", key, value);

    public bool Equals(ColumnType? other) => other is not null && Id == other.Id && Args.SequenceEqual(other.Args);

    public override int GetHashCode() => HashCode.Combine(Id, Args.Length == 0 ? 0 : Args[0].GetHashCode());

    /// <summary>[option]: the type id, then the element types of collections.</summary>
    public void Write(WireWriter writer)
    {
        writer.Short(Id);
        foreach (ColumnType arg in Args)
        {
            arg.Write(writer);
        }
    }

    /// <summary>A CQL type name as in CREATE/ALTER TABLE ("text", "set&lt;int&gt;", "map&lt;text, text&gt;").</summary>
    public static ColumnType Parse(string name)
    {
        name = name.Trim().ToLowerInvariant();
        int open = name.IndexOf('<', StringComparison.Ordinal);
        if (open > 0 && name.EndsWith('>'))
        {
            string inner = name[(open + 1)..^1];
            string outer = name[..open].Trim();
            if (outer == "map")
            {
                int comma = inner.IndexOf(',', StringComparison.Ordinal);
                return MapOf(Parse(inner[..comma]), Parse(inner[(comma + 1)..]));
            }

            return outer == "set" ? SetOf(Parse(inner)) : outer == "list" ? ListOf(Parse(inner)) : throw new ModelQueryException(0x2000, $"unknown type {name}");
        }

        return name switch
        {
            "ascii" => Ascii,
            "bigint" => BigInt,
            "blob" => Blob,
            "boolean" => Boolean,
            "double" => Double,
            "int" => Int,
            "timestamp" => Timestamp,
            "uuid" => Uuid,
            "text" or "varchar" => Text,
            "inet" => Inet,
            _ => throw new ModelQueryException(0x2000, $"unknown type {name}"),
        };
    }

    /// <summary>Serializes a .NET value of this type (§5); null stays null.</summary>
    public byte[]? Serialize(object? value)
    {
        if (value is null)
        {
            return null;
        }

        switch (Id)
        {
            case 0x01:
            case 0x0D:
                return Encoding.UTF8.GetBytes((string)value);
            case 0x02:
            case 0x0B:
                var l = new byte[8];
                BinaryPrimitives.WriteInt64BigEndian(l, Convert.ToInt64(value, CultureInfo.InvariantCulture));
                return l;
            case 0x03:
                return (byte[])value;
            case 0x04:
                return [(bool)value ? (byte)1 : (byte)0];
            case 0x07:
                var d = new byte[8];
                BinaryPrimitives.WriteDoubleBigEndian(d, Convert.ToDouble(value, CultureInfo.InvariantCulture));
                return d;
            case 0x09:
                var i = new byte[4];
                BinaryPrimitives.WriteInt32BigEndian(i, Convert.ToInt32(value, CultureInfo.InvariantCulture));
                return i;
            case 0x0C:
                return ((Guid)value).ToByteArray(bigEndian: true);
            case 0x10:
                return ((IPAddress)value).GetAddressBytes();
            case 0x20:
            case 0x22:
                var elements = ((System.Collections.IEnumerable)value).Cast<object?>().ToList();
                var list = new WireWriter().Int(elements.Count);
                foreach (object? element in elements)
                {
                    list.Bytes(Args[0].Serialize(element));
                }

                return list.ToArray();
            case 0x21:
                var entries = ((System.Collections.IDictionary)value);
                var map = new WireWriter().Int(entries.Count);
                foreach (System.Collections.DictionaryEntry entry in entries)
                {
                    map.Bytes(Args[0].Serialize(entry.Key)).Bytes(Args[1].Serialize(entry.Value));
                }

                return map.ToArray();
            default:
                throw new NotSupportedException($"The model cannot serialize {Name}.");
        }
    }

    /// <summary>A CQL literal of this type ('text', 42, true, a uuid, 0xCAFE) as bytes.</summary>
    public byte[]? ParseLiteral(string literal)
    {
        if (literal.Equals("null", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            return Id switch
            {
                0x01 or 0x0D when literal.StartsWith('\'') => Serialize(literal[1..^1].Replace("''", "'", StringComparison.Ordinal)),
                0x02 or 0x0B => Serialize(long.Parse(literal, CultureInfo.InvariantCulture)),
                0x09 => Serialize(int.Parse(literal, CultureInfo.InvariantCulture)),
                0x07 => Serialize(double.Parse(literal, CultureInfo.InvariantCulture)),
                0x04 => Serialize(bool.Parse(literal)),
                0x0C => Serialize(Guid.Parse(literal)),
                0x03 when literal.StartsWith("0x", StringComparison.OrdinalIgnoreCase) => Convert.FromHexString(literal[2..]),
                _ => throw new FormatException(),
            };
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or InvalidCastException)
        {
            throw new ModelQueryException(0x2200, $"Invalid literal {literal} for a value of type {Name}");
        }
    }
}
