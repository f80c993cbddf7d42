using System.ComponentModel;
using AsyncCassandra.Protocol;
using AsyncCassandra.Protocol.Types;

namespace AsyncCassandra.Advanced;

/// <summary>
/// Encodes and decodes one .NET type to and from the bytes of a CQL value (spec v5 §5, v4/v3 §6). Codecs never see
/// null: a null value is a [bytes] of length -1, handled by the caller. Generated repositories call codecs directly,
/// so reading a column costs no boxing and no lookup.
/// </summary>
/// <typeparam name="T">The .NET type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Advanced)]
public abstract class CqlCodec<T> : IObjectCodec
{
    /// <summary>Decodes a non-null value.</summary>
    public abstract T Read(ReadOnlySpan<byte> value);

    /// <summary>Encodes a non-null value's bytes (without the [int] length prefix).</summary>
    public abstract void Write(T value, CqlWriter writer);

    /// <summary>Whether values of this CQL type can be read into and written from <typeparamref name="T"/>.</summary>
    public abstract bool Accepts(CqlType type);

    /// <summary>
    /// Decodes a non-null value into another shape than <typeparamref name="T"/> that this codec can fill directly (a
    /// list as an array, a set as a List); false when <typeparamref name="TTarget"/> is no such shape.
    /// </summary>
    internal virtual bool TryReadAs<TTarget>(ReadOnlySpan<byte> value, out TTarget result)
    {
        result = default!;
        return false;
    }

    bool IObjectCodec.TryReadAs<TTarget>(ReadOnlySpan<byte> value, out TTarget result) => TryReadAs(value, out result);

    /// <summary>Decodes a non-null value as an object (the dynamic <see cref="Row"/> path).</summary>
    object? IObjectCodec.ReadObject(ReadOnlySpan<byte> value) => Read(value);

    /// <summary>Encodes a value given as an object; it must already be a <typeparamref name="T"/>.</summary>
    void IObjectCodec.WriteObject(object value, CqlWriter writer) => Write((T)value, writer);

    /// <summary>The .NET type this codec produces.</summary>
    Type IObjectCodec.ValueType => typeof(T);

    /// <summary>Passes this codec, with its static type, to a visitor (how collection codecs are built without reflection).</summary>
    TResult IObjectCodec.Accept<TResult>(ICodecVisitor<TResult> visitor) => visitor.Visit(this);

    /// <summary>Writes a whole [value]: length prefix and bytes, or -1 for null.</summary>
    public void WriteValue(T? value, CqlWriter writer)
    {
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        int mark = writer.BeginValue();
        Write(value, writer);
        writer.EndValue(mark);
    }
}
