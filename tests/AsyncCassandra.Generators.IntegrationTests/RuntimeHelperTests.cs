using AsyncCassandra.Protocol;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using AsyncCassandra.Advanced;

namespace AsyncCassandra.Generators.IntegrationTests;

/// <summary>The runtime pieces generated code calls, without a node.</summary>
public sealed class RuntimeHelperTests
{
    private static T RoundTrip<T>(CqlCodec<T> codec, T value)
    {
        using var writer = new CqlWriter();
        codec.Write(value, writer);
        return codec.Read(writer.WrittenSpan);
    }

    [Fact]
    public void Interface_and_array_codecs_round_trip_and_accept_lists_and_sets()
    {
        var list = CqlMappingCodecs.Sequence<IReadOnlyList<int>, int>(CqlCodecs.Int32, static l => l);
        var array = CqlMappingCodecs.Sequence<int[], int>(CqlCodecs.Int32, static l => l.ToArray());
        var set = CqlMappingCodecs.SetOf<ISet<string>, string>(CqlCodecs.String, static s => s);
        var map = CqlMappingCodecs.MapOf<IReadOnlyDictionary<string, long>, string, long>(CqlCodecs.String, CqlCodecs.Int64, static m => m);

        Assert.Equal([1, 2, 3], RoundTrip(list, [1, 2, 3]));
        Assert.Equal([4, 5], RoundTrip(array, [4, 5]));
        Assert.True(RoundTrip(set, new HashSet<string> { "a", "b" }).SetEquals(["a", "b"]));
        Assert.Equal(7, RoundTrip(map, new Dictionary<string, long> { ["x"] = 7 })["x"]);
        Assert.True(list.Accepts(CqlType.List(CqlType.Int)));
        Assert.True(list.Accepts(CqlType.Set(CqlType.Int)));
        Assert.False(list.Accepts(CqlType.List(CqlType.Text)));
        Assert.True(map.Accepts(CqlType.Map(CqlType.Text, CqlType.Bigint)));
    }

    [Fact]
    public void Enumerables_are_written_as_lists_with_their_count()
    {
        var codec = CqlMappingCodecs.Sequence<IEnumerable<int>, int>(CqlCodecs.Int32, static l => l);
        using var writer = new CqlWriter();
        codec.WriteValue(Enumerable.Range(1, 3).Where(i => i > 0), writer);

        using var expected = new CqlWriter();
        CqlCodecs.List(CqlCodecs.Int32).WriteValue([1, 2, 3], expected);
        Assert.Equal(expected.WrittenSpan.ToArray(), writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Udt_fields_match_members_exactly_then_ignoring_case_and_underscores()
    {
        var type = CqlType.Udt("ks", "address", ["street", "zip_code", "extra"], [CqlType.Text, CqlType.Int, CqlType.Text]);

        int[] slots = CqlRowBinding.UdtFields(type, ["ZipCode", "Street"], "Address");

        Assert.Equal([1, 0, -1], slots);
        Assert.Equal(0, CqlRowBinding.FieldOf(slots, 1));
        Assert.Throws<InvalidCastException>(() => CqlRowBinding.UdtFields(CqlType.Int, ["a"], "Address"));
    }

    [Fact]
    public void Columns_are_found_by_name_and_checked_by_type()
    {
        var columns = new ColumnDefinitions([
            new ColumnDefinition(0, "ks", "t", "id", CqlType.Int),
            new ColumnDefinition(1, "ks", "t", "created_at", CqlType.Native(CqlTypeCode.Timestamp)),
        ]);

        Assert.Equal(1, CqlRowBinding.Find(columns, "CreatedAt", required: true, "Row.CreatedAt"));
        Assert.Equal(-1, CqlRowBinding.Find(columns, "Missing", required: false, "Row.Missing"));
        Assert.Contains("Row.Missing", Assert.Throws<InvalidOperationException>(() => CqlRowBinding.Find(columns, "Missing", required: true, "Row.Missing")).Message, StringComparison.Ordinal);
        Assert.Contains("'created_at' of table 'ks.t' is timestamp", Assert.Throws<InvalidCastException>(() => CqlRowBinding.Check(columns, 1, CqlCodecs.Int32, "Row.CreatedAt", "int")).Message, StringComparison.Ordinal);
        CqlRowBinding.Check(columns, -1, CqlCodecs.Int32, "Row.Absent", "int");
        Assert.Throws<InvalidOperationException>(() => CqlRowBinding.At(columns, 2, "extra", "Row.Extra"));
    }

    [Fact]
    public void Slot_rebinds_only_when_the_metadata_object_changes()
    {
        var slot = new CqlStatementSlot("SELECT id FROM t");
        var first = new ColumnDefinitions([new ColumnDefinition(0, "ks", "t", "id", CqlType.Int)]);
        var same = new ColumnDefinitions([new ColumnDefinition(0, "ks", "t", "id", CqlType.Int)]);
        int created = 0;

        object a = slot.BindResults(first, _ => new object[] { ++created });
        object b = slot.BindResults(first, _ => new object[] { ++created });
        object c = slot.BindResults(same, _ => new object[] { ++created });

        Assert.Same(a, b);
        Assert.NotSame(a, c);
        Assert.Equal(2, created);
    }

    [Fact]
    public void Nullable_values_write_null()
    {
        using var writer = new CqlWriter();
        CqlRowBinding.WriteNullable(CqlCodecs.Int32, null, writer);
        CqlRowBinding.WriteNullable<int>(CqlCodecs.Int32, 5, writer);
        Assert.Equal(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 4, 0, 0, 0, 5 }, writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Configuration_keys_are_read_without_a_binder()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["C:ContactPoints"] = "10.0.0.1, 10.0.0.2:9043",
            ["C:Port"] = "9142",
            ["C:Keyspace"] = "app",
            ["C:LocalDatacenter"] = "dc1",
            ["C:Username"] = "user",
            ["C:Password"] = "pw",
            ["C:ProtocolVersion"] = "4",
            ["C:MinimumProtocolVersion"] = "3",
            ["C:RequestTimeout"] = "2500",
            ["C:ConnectTimeout"] = "00:00:03",
            ["C:ConnectionsPerHost"] = "2",
            ["C:Compression"] = "lz4",
            ["C:DefaultConsistency"] = "local_quorum",
            ["C:DefaultSerialConsistency"] = "LocalSerial",
            ["C:DefaultPageSize"] = "250",
        }).Build();
        var services = new ServiceCollection();
        services.AddAsyncCassandra(configuration.GetSection("C"), o => o.HeartbeatInterval = TimeSpan.Zero);
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<CassandraOptions>();

        Assert.Equal(["10.0.0.1", "10.0.0.2:9043"], options.ContactPoints);
        Assert.Equal(9142, options.Port);
        Assert.Equal("app", options.Keyspace);
        Assert.Equal("dc1", options.LocalDatacenter);
        Assert.Equal("user", options.Credentials!.Username);
        Assert.Equal(4, options.ProtocolVersion);
        Assert.Equal(3, options.MinimumProtocolVersion);
        Assert.Equal(TimeSpan.FromMilliseconds(2500), options.RequestTimeout);
        Assert.Equal(TimeSpan.FromSeconds(3), options.ConnectTimeout);
        Assert.Equal(2, options.ConnectionsPerHost);
        Assert.Equal(CompressionAlgorithm.Lz4, options.Compression);
        Assert.Equal(ConsistencyLevel.LocalQuorum, options.DefaultConsistency);
        Assert.Equal(ConsistencyLevel.LocalSerial, options.DefaultSerialConsistency);
        Assert.Equal(250, options.DefaultPageSize);
        Assert.Equal(TimeSpan.Zero, options.HeartbeatInterval);
    }

    [Fact]
    public void Invalid_options_fail_when_resolved()
    {
        var services = new ServiceCollection();
        services.AddAsyncCassandra(_ => { });
        using var provider = services.BuildServiceProvider();

        Assert.Contains("ContactPoints", Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => provider.GetRequiredService<CassandraOptions>()).Message, StringComparison.Ordinal);
    }
}
