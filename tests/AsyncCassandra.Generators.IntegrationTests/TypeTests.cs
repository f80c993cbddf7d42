using System.Net;
using System.Numerics;
using AsyncCassandra.Generators.IntegrationTests.Repositories;

namespace AsyncCassandra.Generators.IntegrationTests;

/// <summary>Every CQL type protocol v3 carries, written and read back through generated repositories, nulls included.</summary>
[Collection(GeneratedNodeCollection.Name)]
public sealed class TypeTests(GeneratedNodeFixture fixture)
{
    private static int s_nextId = Random.Shared.Next(1_000_000, 2_000_000_000);
    private readonly IAllTypesRepository _rows = IAllTypesRepository.Create(fixture.Session);

    private static int NextId() => Interlocked.Increment(ref s_nextId);

    private static AllTypesRow Sample(int id) => new(
        id,
        A: "plain ascii",
        B: long.MinValue + 1,
        Bl: [0, 1, 2, 255],
        Bo: true,
        De: -12345.6789m,
        D: Math.PI,
        F: 1.5f,
        I: IPAddress.Parse("2001:db8::1"),
        N: int.MinValue,
        T: "héllo wörld ✓",
        Ts: new DateTimeOffset(1969, 7, 20, 20, 17, 40, 123, TimeSpan.Zero),
        U: Guid.NewGuid(),
        Tu: TimeUuid.NewId(),
        Vi: BigInteger.Parse("-123456789012345678901234567890", System.Globalization.CultureInfo.InvariantCulture),
        L: [1, -2, 3],
        S: ["a", "b"],
        M: new Dictionary<string, long> { ["x"] = 1, ["y"] = long.MaxValue },
        Tup: (7, "seven", 7.5),
        Ud: new Address("1 Main St", 12345, ["home", "work"]),
        Nl: [(1, "one"), (2, null)],
        Nm: new Dictionary<int, Address> { [1] = new Address("a", 1, []), [2] = new Address("b", 2, ["x"]) },
        Color: Color.Blue,
        Level: Level.High);

    [Fact]
    public async Task Every_type_round_trips()
    {
        var row = Sample(NextId());
        await _rows.InsertAsync(row);

        var read = await _rows.GetAsync(row.Id);

        AssertSame(row, read);
        AssertSame(row, await _rows.GetStarAsync(row.Id));
    }

    [Fact]
    public async Task Nulls_read_as_null_and_empty_collections()
    {
        int id = NextId();
        await _rows.InsertEmptyAsync(id);

        var read = await _rows.GetAsync(id);

        Assert.NotNull(read);
        Assert.Equal(new AllTypesRow(id, null, null, null, null, null, null, null, null, null, null, null, null, null, null, [], [], [], null, null, [], [], null, null) with
        {
            L = read.L,
            S = read.S,
            M = read.M,
            Nl = read.Nl,
            Nm = read.Nm,
        }, read);
        Assert.Empty(read.L);
        Assert.Empty(read.S);
        Assert.Empty(read.M);
        Assert.Empty(read.Nl);
        Assert.Empty(read.Nm);
        Assert.Null(await _rows.GetAddressAsync(id));
        Assert.Null(await _rows.GetTupleAsync(id));
        Assert.Null(await _rows.GetLevelAsync(id));
    }

    [Fact]
    public async Task Null_in_a_non_nullable_member_names_table_column_and_member()
    {
        int id = NextId();
        await _rows.InsertEmptyAsync(id);

        var error = await Assert.ThrowsAsync<InvalidCastException>(() => _rows.GetStrictAsync(id));

        Assert.Contains("'b'", error.Message, StringComparison.Ordinal);
        Assert.Contains("all_types", error.Message, StringComparison.Ordinal);
        Assert.Contains("StrictRow.B", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collection_interfaces_arrays_memory_and_datetime()
    {
        var row = Sample(NextId());
        await _rows.InsertAsync(row);

        var view = await _rows.GetViewAsync(row.Id);

        Assert.NotNull(view);
        Assert.Equal(row.L, view.L);
        Assert.Equal(row.L, view.LArray);
        Assert.True(view.S.SetEquals(row.S));
        Assert.Equal(row.M.OrderBy(p => p.Key), view.M.OrderBy(p => p.Key));
        Assert.Equal(row.Bl, view.Bl.ToArray());
        Assert.Equal(row.Ts!.Value.UtcDateTime, view.Ts);
        Assert.Equal(DateTimeKind.Utc, view.Ts.Kind);
        Assert.Equal(Color.Blue, view.Color);
    }

    [Fact]
    public async Task Udt_tuple_and_enum_parameters_and_scalars()
    {
        int id = NextId();
        await _rows.InsertEmptyAsync(id);
        var address = new Address("2 Side St", 999, ["x", "y"]);

        await _rows.UpdateAsync(address, (1, null, 2.5), Color.Green, Level.Low, id);

        var read = await _rows.GetAddressAsync(id);
        Assert.NotNull(read);
        Assert.Equal(address.Street, read.Street);
        Assert.Equal(address.Zip, read.Zip);
        Assert.Equal(address.Tags, read.Tags);
        Assert.Equal((1, (string?)null, (double?)2.5), await _rows.GetTupleAsync(id));
        Assert.Equal(Level.Low, await _rows.GetLevelAsync(id));
        Assert.Equal([Color.Green], await _rows.GetColorsAsync([id, NextId()]));

        await _rows.UpdateAsync(null, null, null, null, id);
        Assert.Null(await _rows.GetAddressAsync(id));
        Assert.Null(await _rows.GetTupleAsync(id));
        Assert.Null(await _rows.GetLevelAsync(id));
    }

    [Fact]
    public async Task Map_of_udts_as_a_read_only_dictionary()
    {
        var row = Sample(NextId());
        await _rows.InsertAsync(row);

        var addresses = await _rows.GetAddressesAsync(row.Id);

        Assert.NotNull(addresses);
        Assert.Equal([1, 2], addresses.Keys.Order());
        Assert.Equal(["x"], addresses[2].Tags);
    }

    [Fact]
    public async Task Enum_stored_as_text_is_readable_by_hand()
    {
        var row = Sample(NextId());
        await _rows.InsertAsync(row);

        RowSet raw = await fixture.Session.ExecuteAsync($"SELECT color, level FROM all_types WHERE id = {row.Id}");

        Assert.Equal("Blue", raw[0].Get<string>(0));
        Assert.Equal(2, raw[0].Get<int>(1));
    }

    [Fact]
    public async Task Expression_selector_by_alias()
    {
        var row = Sample(NextId());
        await _rows.InsertAsync(row);

        long? written = await _rows.GetWriteTimeAsync(row.Id);

        Assert.NotNull(written);
        Assert.InRange(DateTimeOffset.FromUnixTimeMilliseconds(written.Value / 1000), DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));
    }

    [Fact]
    public async Task Counter_updates_and_reads()
    {
        string page = "page-" + Guid.NewGuid().ToString("N");
        Assert.Null(await _rows.GetViewsAsync(page));

        await _rows.AddViewsAsync(5, page);
        await _rows.AddViewsAsync(-2, page);

        Assert.Equal(3, await _rows.GetViewsAsync(page));
    }

    private static void AssertSame(AllTypesRow expected, AllTypesRow? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Bl, actual.Bl);
        Assert.Equal(expected.L, actual.L);
        Assert.True(expected.S.SetEquals(actual.S));
        Assert.Equal(expected.M.OrderBy(p => p.Key), actual.M.OrderBy(p => p.Key));
        Assert.Equal(expected.Nl, actual.Nl);
        Assert.Equal(expected.Nm.Keys.Order(), actual.Nm.Keys.Order());
        foreach (var (key, address) in expected.Nm)
        {
            Assert.Equal(address.Street, actual.Nm[key].Street);
            Assert.Equal(address.Zip, actual.Nm[key].Zip);
            Assert.Equal(address.Tags, actual.Nm[key].Tags);
        }

        Assert.Equal(expected.Ud!.Street, actual.Ud!.Street);
        Assert.Equal(expected.Ud.Zip, actual.Ud.Zip);
        Assert.Equal(expected.Ud.Tags, actual.Ud.Tags);
        Assert.Equal(expected, actual with { Bl = expected.Bl, L = expected.L, S = expected.S, M = expected.M, Nl = expected.Nl, Nm = expected.Nm, Ud = expected.Ud });
    }
}
