using System.Text;
using AsyncCassandra.Advanced;
using AsyncCassandra.Protocol;
using AsyncCassandra.Protocol.Types;

namespace AsyncCassandra.Tests.Protocol.Codecs;

/// <summary>
/// vector&lt;T, n&gt; (Cassandra 5.0; spec v5 §5.25): described in metadata as a custom type whose class name holds the
/// element type and the dimension (§4.2.5.2 option 0x0000), serialized as the n elements without a count, fixed-size
/// elements bare and variable-size ones each after their length as an [unsigned vint] (§3).
/// </summary>
public class VectorCodecTests
{
    private const string FloatVector3 = "org.apache.cassandra.db.marshal.VectorType(org.apache.cassandra.db.marshal.FloatType,3)";

    private static CqlType Float3 => CqlType.Vector(CqlType.Native(CqlTypeCode.Float), 3);

    [Fact]
    public void Spec_4_2_5_2_a_vector_is_a_custom_option_whose_class_name_gives_element_and_dimension()
    {
        byte[] option = Wire.Write(w =>
        {
            w.WriteUShort(0x0000);
            w.WriteString(FloatVector3);
        });
        var reader = new CqlReader(option);

        CqlType type = CqlType.Read(ref reader);

        Assert.Equal(CqlTypeCode.Custom, type.Code);
        Assert.Equal(3, type.Dimensions);
        Assert.Equal(CqlTypeCode.Float, Assert.Single(type.Arguments).Code);
        Assert.Equal("vector<float, 3>", type.ToString());
        Assert.Equal(Float3, type);
        Assert.Equal(FloatVector3, Float3.CustomName);
        Assert.Equal(option, Wire.Write(type.Write));
    }

    [Fact]
    public void A_vector_of_vectors_and_an_unknown_element_keep_their_class_names()
    {
        CqlType nested = CqlType.Custom("org.apache.cassandra.db.marshal.VectorType(org.apache.cassandra.db.marshal.VectorType(org.apache.cassandra.db.marshal.Int32Type,2),4)");
        CqlType listOf = CqlType.Custom("org.apache.cassandra.db.marshal.VectorType(org.apache.cassandra.db.marshal.ListType(org.apache.cassandra.db.marshal.Int32Type),2)");

        Assert.Equal("vector<vector<int, 2>, 4>", nested.ToString());
        Assert.Equal(CqlType.Vector(CqlType.Vector(CqlType.Int, 2), 4), nested);
        Assert.Equal(2, listOf.Dimensions);
        Assert.Equal("org.apache.cassandra.db.marshal.ListType(org.apache.cassandra.db.marshal.Int32Type)", listOf.Arguments[0].CustomName);
        Assert.Equal(0, CqlType.Custom("org.apache.cassandra.db.marshal.VectorType(org.apache.cassandra.db.marshal.FloatType,0)").Dimensions);
        Assert.Equal(0, CqlType.Custom("com.example.Other").Dimensions);
    }

    [Fact]
    public void Spec_5_25_a_float_vector_is_its_elements_as_big_endian_floats_without_count_or_lengths()
    {
        float[] value = [1.0f, 2.5f, -1.0f];
        byte[] bytes = Hex.Bytes("3F800000" + "40200000" + "BF800000");

        Assert.Equal(bytes, Wire.Encode(CqlCodecs.FloatVector(3), value));
        Assert.Equal(value, CqlCodecs.FloatVector(3).Read(bytes));
        Assert.Equal(bytes, Wire.Encode(CqlCodecs.FloatVectorMemory(3), value.AsMemory()));
        Assert.Equal(value, CqlCodecs.FloatVectorMemory(3).Read(bytes).ToArray());
        Assert.Equal(value, (float[])CodecResolver.Natural(Float3).ReadObject(bytes)!);
    }

    [Fact]
    public void A_float_vector_codec_accepts_its_dimension_only()
    {
        Assert.True(CqlCodecs.FloatVector(3).Accepts(Float3));
        Assert.False(CqlCodecs.FloatVector(4).Accepts(Float3));
        Assert.False(CqlCodecs.FloatVector(3).Accepts(CqlType.Vector(CqlType.Native(CqlTypeCode.Double), 3)));
        Assert.False(CqlCodecs.FloatVector(3).Accepts(CqlType.List(CqlType.Native(CqlTypeCode.Float))));
        Assert.False(CqlCodecs.FloatVectorMemory(3).Accepts(CqlType.Native(CqlTypeCode.Blob)));
    }

    [Fact]
    public void A_value_of_another_length_is_refused_both_ways()
    {
        var write = Assert.Throws<ArgumentException>(() => Wire.Encode(CqlCodecs.FloatVector(3), [1f, 2f]));
        Assert.Contains("vector<float, 3> takes exactly 3 elements, but the value has 2", write.Message, StringComparison.Ordinal);

        var read = Assert.Throws<ProtocolException>(() => CqlCodecs.FloatVector(3).Read(Hex.Bytes("3F80000040200000")));
        Assert.Contains("8 bytes, expected 12", read.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => CqlCodecs.FloatVector(0));
    }

    [Fact]
    public void Spec_5_25_fixed_size_elements_of_other_types_are_bare_too()
    {
        CqlType type = CqlType.Vector(CqlType.Bigint, 2);
        byte[] bytes = Hex.Bytes("0000000000000001" + "FFFFFFFFFFFFFFFE");
        var codec = (CqlCodec<long[]>)CodecResolver.Natural(type);

        Assert.Equal(new long[] { 1, -2 }, codec.Read(bytes));
        Assert.Equal(bytes, Wire.Encode(codec, [1L, -2L]));
    }

    [Fact]
    public void Spec_5_25_variable_size_elements_each_follow_their_length_as_an_unsigned_vint()
    {
        CqlType type = CqlType.Vector(CqlType.Text, 2);
        string longText = new('x', 200);
        // 200 needs two vint bytes: 0x80 | high bits, then the low byte (spec v5 §3).
        byte[] bytes = [0x01, (byte)'a', 0x80, 0xC8, .. Encoding.ASCII.GetBytes(longText)];
        var codec = (CqlCodec<string[]>)CodecResolver.Natural(type);

        Assert.Equal(new[] { "a", longText }, codec.Read(bytes));
        Assert.Equal(bytes, Wire.Encode(codec, ["a", longText]));
        var extra = Assert.Throws<ProtocolException>(() => codec.Read([.. bytes, 0x00]));
        Assert.Contains("1 left over after 2 elements", extra.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bound_as_an_object_a_float_array_or_memory_is_written_for_a_vector_marker()
    {
        byte[] expected = Hex.Bytes("0000000C" + "3F800000" + "40200000" + "BF800000");

        Assert.Equal(expected, Wire.Write(w => ObjectEncoder.WriteValue(new[] { 1.0f, 2.5f, -1.0f }, Float3, w, 5)));
        Assert.Equal(expected, Wire.Write(w => ObjectEncoder.WriteValue(new ReadOnlyMemory<float>([1.0f, 2.5f, -1.0f]), Float3, w, 5)));
        Assert.Equal(expected, Wire.Write(w => ObjectEncoder.WriteValue(new List<float> { 1.0f, 2.5f, -1.0f }, Float3, w, 5)));
        Assert.Throws<ArgumentException>(() => Wire.Write(w => ObjectEncoder.WriteValue(new[] { 1.0f }, Float3, w, 5)));
        Assert.Throws<InvalidCastException>(() => Wire.Write(w => ObjectEncoder.WriteValue("1,2,3", Float3, w, 5)));
    }

    [Fact]
    public void A_float_array_without_a_schema_follows_the_server_type()
    {
        Assert.True(CqlMappingCodecs.FloatArray(Float3).Accepts(Float3));
        CqlCodec<float[]> list = CqlMappingCodecs.FloatArray(CqlType.List(CqlType.Native(CqlTypeCode.Float)));
        Assert.Equal(Hex.Bytes("00000001" + "00000004" + "3F800000"), Wire.Encode(list, [1.0f]));
        Assert.True(CqlMappingCodecs.FloatVectorMemory(Float3).Accepts(Float3));

        var text = Assert.Throws<InvalidCastException>(() => CqlMappingCodecs.FloatArray(CqlType.Text));
        Assert.Contains("text is not a vector<float, n>", text.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidCastException>(() => CqlMappingCodecs.FloatVectorMemory(CqlType.List(CqlType.Native(CqlTypeCode.Float))));
    }
}
