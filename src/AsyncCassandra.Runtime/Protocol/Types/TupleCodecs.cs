using AsyncCassandra.Protocol;
using AsyncCassandra.Advanced;

namespace AsyncCassandra.Protocol.Types;

// Tuple components are [bytes] each and may be null (spec §7 v3/v4, v5 §5.23).
internal static class TupleElements
{
    public static T? Read<T>(ref ElementReader reader, CqlCodec<T> codec) =>
        !reader.AtEnd && reader.ReadElement("tuple", out ReadOnlySpan<byte> element) ? codec.Read(element) : default;
}

internal sealed class TupleCodec<T1, T2> : CqlCodec<(T1?, T2?)>
{
    private readonly CqlCodec<T1> _c1;
    private readonly CqlCodec<T2> _c2;

    public TupleCodec(CqlCodec<T1> c1, CqlCodec<T2> c2)
    {
        _c1 = c1;
        _c2 = c2;
    }

    public override (T1?, T2?) Read(ReadOnlySpan<byte> value)
    {
        var reader = new ElementReader(value);
        T1? a = TupleElements.Read(ref reader, _c1);
        return (a, TupleElements.Read(ref reader, _c2));
    }

    public override void Write((T1?, T2?) value, CqlWriter writer)
    {
        _c1.WriteValue(value.Item1, writer);
        _c2.WriteValue(value.Item2, writer);
    }

    public override bool Accepts(CqlType type) =>
        type.Code == CqlTypeCode.Tuple && type.Arguments.Count == 2 && _c1.Accepts(type.Arguments[0]) && _c2.Accepts(type.Arguments[1]);
}

internal sealed class TupleCodec<T1, T2, T3> : CqlCodec<(T1?, T2?, T3?)>
{
    private readonly CqlCodec<T1> _c1;
    private readonly CqlCodec<T2> _c2;
    private readonly CqlCodec<T3> _c3;

    public TupleCodec(CqlCodec<T1> c1, CqlCodec<T2> c2, CqlCodec<T3> c3)
    {
        _c1 = c1;
        _c2 = c2;
        _c3 = c3;
    }

    public override (T1?, T2?, T3?) Read(ReadOnlySpan<byte> value)
    {
        var reader = new ElementReader(value);
        T1? a = TupleElements.Read(ref reader, _c1);
        T2? b = TupleElements.Read(ref reader, _c2);
        return (a, b, TupleElements.Read(ref reader, _c3));
    }

    public override void Write((T1?, T2?, T3?) value, CqlWriter writer)
    {
        _c1.WriteValue(value.Item1, writer);
        _c2.WriteValue(value.Item2, writer);
        _c3.WriteValue(value.Item3, writer);
    }

    public override bool Accepts(CqlType type) =>
        type.Code == CqlTypeCode.Tuple && type.Arguments.Count == 3 && _c1.Accepts(type.Arguments[0]) && _c2.Accepts(type.Arguments[1]) && _c3.Accepts(type.Arguments[2]);
}
