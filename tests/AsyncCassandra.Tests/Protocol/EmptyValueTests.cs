using AsyncCassandra.Advanced;
using AsyncCassandra.Protocol;

namespace AsyncCassandra.Tests.Protocol;

/// <summary>
/// Empty values: a [bytes] of length 0 (spec v4 §6: "a value of length 0 is empty, which is distinct from null";
/// v5 §5 likewise). Types whose values have a fixed or minimum size have no empty reading: they read as null where the
/// target can hold null, and as an <see cref="EmptyValueException"/> where it cannot; empty text stays "".
/// </summary>
public class EmptyValueTests
{
    /// <summary>Columns i int, b bigint, u uuid, t text; one row whose four values are all empty ([int] 0, no bytes).</summary>
    private static RowSet Empties()
    {
        Body body = new Body()
            .Int(0x0002).Int(0x0001).Int(4).String("ks").String("t")
            .String("i").Short(0x0009)
            .String("b").Short(0x0002)
            .String("u").Short(0x000C)
            .String("t").Short(0x000D)
            .Int(1)
            .Int(0).Int(0).Int(0).Int(0);
        return Assert.IsType<RowSet>(Wire.ReadResponse(Opcode.Result, body.ToArray(), 4));
    }

    [Fact]
    public void Spec_v4_6_an_empty_int_reads_as_null_into_nullable_targets()
    {
        Row row = Empties()[0];
        Assert.Null(row.Get<int?>(0));
        Assert.Null(row.Get<long?>("b"));
        Assert.Null(row.Get<Guid?>(2));
        Assert.Null(row.GetValue(0));
        Assert.Null(row[1]);
        Assert.Equal(string.Empty, row.Get<string>("t")); // empty text is a value
    }

    [Fact]
    public void Spec_v4_6_an_empty_value_is_not_null_and_IsEmpty_says_so()
    {
        Row row = Empties()[0];
        Assert.False(row.IsNull(0));
        Assert.True(row.IsEmpty(0));
        Assert.True(row.IsEmpty("t"));
    }

    [Fact]
    public void Spec_v4_6_an_empty_int_read_into_a_non_nullable_int_is_an_EmptyValueException_naming_the_column()
    {
        Row row = Empties()[0];
        var ex = Assert.Throws<EmptyValueException>(() => row.Get<int>(0));
        Assert.Equal("i", ex.Column);
        Assert.Equal(CqlTypeCode.Int, ex.Type!.Code);
        Assert.Contains("int?", ex.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<InvalidCastException>(ex);
        Assert.Throws<EmptyValueException>(() => row.Get<Guid>("u"));
    }

    [Fact]
    public void Spec_v4_6_generated_readers_read_an_empty_int_as_null_and_a_non_nullable_member_gets_an_EmptyValueException()
    {
        RowSet rows = Empties();
        // What a generated reader emits (the public extension; these tests also see RowSet's internal method): TryGetRawValue ? codec.Read(raw) : null / throw CqlRowBinding.NullValue(...).
        int? nullable = RowSetExtensions.TryGetRawValue(rows, 0, 0, out ReadOnlySpan<byte> raw) ? CqlCodecs.Int32.Read(raw) : null;
        Assert.Null(nullable);
        Assert.Equal(0L, rows.Read(0, 1, CqlCodecs.Int64)); // default, as for null

        bool present = RowSetExtensions.TryGetRawValue(rows, 0, 0, out _);
        Assert.False(present);
        var empty = Assert.IsType<EmptyValueException>(CqlRowBinding.NullValue("ks.t", "i", "Entity.I", "int"));
        Assert.Equal("i", empty.Column);

        // A real null afterwards is reported as null, not as empty.
        RowSet nulls = Assert.IsType<RowSet>(Wire.ReadResponse(Opcode.Result, new Body().Int(0x0002).Int(0x0001).Int(1).String("ks").String("t").String("i").Short(0x0009).Int(1).Bytes(null).ToArray(), 4));
        Assert.False(RowSetExtensions.TryGetRawValue(rows, 0, 0, out _));
        Assert.False(RowSetExtensions.TryGetRawValue(nulls, 0, 0, out _));
        Assert.IsNotType<EmptyValueException>(CqlRowBinding.NullValue("ks.t", "i", "Entity.I", "int"));

        Assert.True(RowSetExtensions.TryGetRawValue(rows, 0, 3, out ReadOnlySpan<byte> text)); // empty text: present, ""
        Assert.Equal(0, text.Length);
    }
}
