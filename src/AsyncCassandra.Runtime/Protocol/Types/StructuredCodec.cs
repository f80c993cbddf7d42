using AsyncCassandra.Protocol;
using AsyncCassandra.Advanced;

namespace AsyncCassandra.Protocol.Types;

/// <summary>
/// Reads a tuple as object?[] and a UDT as a Dictionary&lt;string, object?&gt; keyed by field name (spec §6 UDT, §7 tuple):
/// a sequence of [bytes], one per component, any of which may be null; a UDT value may have fewer values than fields.
/// </summary>
internal sealed class StructuredCodec : CqlCodec<object?>
{
    private readonly CqlType _type;
    private readonly IObjectCodec[] _components;

    public StructuredCodec(CqlType type)
    {
        _type = type;
        _components = new IObjectCodec[type.Arguments.Count];
        for (int i = 0; i < _components.Length; i++)
        {
            _components[i] = CodecResolver.Natural(type.Arguments[i]);
        }
    }

    public override object? Read(ReadOnlySpan<byte> value)
    {
        var reader = new ElementReader(value);
        string kind = _type.Code == CqlTypeCode.Udt ? "UDT" : "tuple";
        var values = new object?[_components.Length];
        for (int i = 0; i < values.Length && !reader.AtEnd; i++)
        {
            values[i] = reader.ReadElement(kind, out ReadOnlySpan<byte> element) ? _components[i].ReadObject(element) : null;
        }

        if (_type.Code == CqlTypeCode.Tuple)
        {
            return values;
        }

        var fields = new Dictionary<string, object?>(values.Length, StringComparer.Ordinal);
        for (int i = 0; i < values.Length; i++)
        {
            fields[_type.FieldNames[i]] = values[i];
        }

        return fields;
    }

    public override void Write(object? value, CqlWriter writer) => ObjectEncoder.WriteBody(value!, _type, writer);

    public override bool Accepts(CqlType type) => type.Equals(_type);
}
