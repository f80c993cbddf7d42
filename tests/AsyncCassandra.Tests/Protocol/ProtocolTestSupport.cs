using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using AsyncCassandra.Protocol;
using AsyncCassandra.Protocol.Messages;
using AsyncCassandra.Advanced;

namespace AsyncCassandra.Tests.Protocol;

/// <summary>Hex literals for known-answer vectors: "00 0A ff" or "000Aff" (spaces ignored).</summary>
internal static class Hex
{
    public static byte[] Bytes(string hex)
    {
        string digits = hex.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal);
        if (digits.Length % 2 != 0)
        {
            throw new ArgumentException($"Odd number of hex digits in '{hex}'.", nameof(hex));
        }

        byte[] bytes = new byte[digits.Length / 2];
        for (int i = 0; i < bytes.Length; i++)
        {
            bytes[i] = byte.Parse(digits.AsSpan(i * 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        }

        return bytes;
    }

    /// <summary>"00 0A FF" for assertion messages.</summary>
    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);
}

/// <summary>
/// A deliberately naive big-endian byte builder for hand-written protocol bodies (spec §3 notations). It uses only
/// <see cref="BinaryPrimitives"/> and <see cref="Encoding.UTF8"/>, never the reader/writer under test.
/// </summary>
internal sealed class Body
{
    private readonly List<byte> _bytes = [];

    public Body Raw(params byte[] bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }

    public Body Hex(string hex) => Raw(Protocol.Hex.Bytes(hex));

    public Body Byte(byte value) => Raw(value);

    public Body Short(int value)
    {
        byte[] b = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(b, unchecked((ushort)value));
        return Raw(b);
    }

    public Body Int(int value)
    {
        byte[] b = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(b, value);
        return Raw(b);
    }

    public Body Long(long value)
    {
        byte[] b = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(b, value);
        return Raw(b);
    }

    /// <summary>[string]: [short] n then n UTF-8 bytes.</summary>
    public Body String(string value)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(value);
        return Short(utf8.Length).Raw(utf8);
    }

    /// <summary>[string list]: [short] n then n [string].</summary>
    public Body StringList(params string[] values)
    {
        Short(values.Length);
        foreach (string value in values)
        {
            String(value);
        }

        return this;
    }

    /// <summary>[bytes]: [int] n then n bytes; null is length -1.</summary>
    public Body Bytes(byte[]? value) => value is null ? Int(-1) : Int(value.Length).Raw(value);

    /// <summary>[short bytes].</summary>
    public Body ShortBytes(byte[] value) => Short(value.Length).Raw(value);

    /// <summary>An [int] value, as the [bytes] cell of a CQL int (length 4 then the int).</summary>
    public Body IntCell(int value) => Int(4).Int(value);

    /// <summary>A text cell ([bytes] of UTF-8).</summary>
    public Body TextCell(string value) => Bytes(Encoding.UTF8.GetBytes(value));

    public byte[] ToArray() => [.. _bytes];
}

/// <summary>Runs the code under test on byte vectors.</summary>
internal static class Wire
{
    public const string Host = "10.0.0.1:9042";

    /// <summary>What a <see cref="CqlWriter"/> holds after <paramref name="write"/>.</summary>
    public static byte[] Write(Action<CqlWriter> write)
    {
        using var writer = new CqlWriter(16);
        write(writer);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>The body a request writes for a protocol version.</summary>
    public static byte[] RequestBody(IRequest request, byte version) => Write(w => request.WriteBody(w, version));

    /// <summary>Encodes a value with a codec (no length prefix).</summary>
    public static byte[] Encode<T>(CqlCodec<T> codec, T value) => Write(w => codec.Write(value, w));

    /// <summary>Decodes a response body as the connection would (the body sits in a pooled buffer, as received).</summary>
    public static Response Decode(Opcode opcode, byte[] body, byte version = 4, HeaderFlags flags = HeaderFlags.None, ColumnDefinitions? knownColumns = null, ResultBuffers ownership = ResultBuffers.Owned)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(body.Length, 16));
        body.CopyTo(buffer, 0);
        var header = new FrameHeader(version, true, flags, 0, opcode, body.Length);
        return ResponseReader.Read(new ResponseFrame(header, buffer, body.Length), version, knownColumns, ownership);
    }

    /// <summary>
    /// What a caller gets from a response, as the request pipeline hands it out: a <see cref="RowSet"/> for Rows and
    /// Void results, the keyspace string of Set_keyspace, the message object of other kinds; an ERROR is thrown as its
    /// typed exception.
    /// </summary>
    public static object ReadResponse(Opcode opcode, byte[] body, byte version = 4, HeaderFlags flags = HeaderFlags.None, ColumnDefinitions? knownColumns = null)
    {
        Response response = Decode(opcode, body, version, flags, knownColumns);
        if (response.IsError)
        {
            throw AsyncCassandra.Connections.ServerErrors.ToException(response.Error, Host);
        }

        return response.Opcode switch
        {
            Opcode.Ready => ReadyResponse.Instance,
            Opcode.Authenticate => response.Authenticate,
            Opcode.AuthChallenge => response.AuthChallenge,
            Opcode.AuthSuccess => response.AuthSuccess,
            Opcode.Supported => response.Supported,
            Opcode.Event => response.Event,
            _ => response.ResultKind switch
            {
                ResultKind.Rows or ResultKind.Void => RowSet.From(response, ResultBuffers.Owned),
                ResultKind.SetKeyspace => response.Keyspace,
                ResultKind.Prepared => response.Prepared,
                _ => response.SchemaChange,
            },
        };
    }
}

/// <summary>Error messages name .NET types either as C# keywords ("long") or by their CLR names ("System.Int64").</summary>
internal static class TypeName
{
    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(int)] = "int",
        [typeof(long)] = "long",
        [typeof(short)] = "short",
        [typeof(sbyte)] = "sbyte",
        [typeof(byte)] = "byte",
        [typeof(bool)] = "bool",
        [typeof(string)] = "string",
        [typeof(double)] = "double",
        [typeof(float)] = "float",
        [typeof(decimal)] = "decimal",
        [typeof(object)] = "object",
    };

    public static void AssertNamed(string message, Type type)
    {
        string?[] names = [type.FullName, type.Name, Keywords.GetValueOrDefault(type)];
        Assert.True(
            names.Any(n => n is not null && message.Contains(n, StringComparison.Ordinal)),
            $"Expected the message to name {type}: {message}");
    }
}
