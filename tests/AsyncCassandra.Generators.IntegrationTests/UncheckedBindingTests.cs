using System.Net;
using System.Numerics;
using AsyncCassandra.Generators.IntegrationTests.NoSchema;

namespace AsyncCassandra.Generators.IntegrationTests;

/// <summary>
/// Repositories compiled without schema.cql (NoSchema/): each marker's CQL type is checked against the value's
/// codec once per prepare, so a value of the wrong type is refused with an error naming the marker, the parameter,
/// the CQL type and the .NET type, and nothing is written; enums go by name to text and by number to int.
/// </summary>
[Collection(GeneratedNodeCollection.Name)]
public sealed class UncheckedBindingTests(GeneratedNodeFixture fixture)
{
    private static int s_nextId = Random.Shared.Next(1_000_000, 2_000_000_000);
    private readonly IUncheckedRepository _rows = IUncheckedRepository.Create(fixture.Session);

    private static int NextId() => Interlocked.Increment(ref s_nextId);

    /// <summary>Each family's wrong type: the call, and what the error must name (marker, parameter, CQL type, .NET type).</summary>
    public static readonly TheoryData<string, string, string, string, string> Mismatches = new()
    {
        { nameof(IUncheckedRepository.MismatchTextAsync), "'t'", "parameter 'text'", "text", "int" },
        { nameof(IUncheckedRepository.MismatchAsciiAsync), "'a'", "parameter 'ascii'", "ascii", "Guid" },
        { nameof(IUncheckedRepository.MismatchIntAsync), "'n'", "parameter 'number'", "is int", "string" },
        { nameof(IUncheckedRepository.MismatchBigintAsync), "'b'", "parameter 'big'", "bigint", "int" },
        { nameof(IUncheckedRepository.MismatchBlobAsync), "'bl'", "parameter 'blob'", "blob", "string" },
        { nameof(IUncheckedRepository.MismatchBooleanAsync), "'bo'", "parameter 'flag'", "boolean", "int" },
        { nameof(IUncheckedRepository.MismatchFloatAsync), "'f'", "parameter 'single'", "float", "double" },
        { nameof(IUncheckedRepository.MismatchDoubleAsync), "'d'", "parameter 'real'", "double", "float" },
        { nameof(IUncheckedRepository.MismatchDecimalAsync), "'de'", "parameter 'money'", "decimal", "double" },
        { nameof(IUncheckedRepository.MismatchVarintAsync), "'vi'", "parameter 'huge'", "varint", "long" },
        { nameof(IUncheckedRepository.MismatchUuidAsync), "'u'", "parameter 'key'", "uuid", "string" },
        { nameof(IUncheckedRepository.MismatchTimeuuidAsync), "'tu'", "parameter 'when'", "timeuuid", "DateTimeOffset" },
        { nameof(IUncheckedRepository.MismatchTimestampAsync), "'ts'", "parameter 'stamp'", "timestamp", "Guid" },
        { nameof(IUncheckedRepository.MismatchInetAsync), "'i'", "parameter 'address'", "inet", "string" },
        { nameof(IUncheckedRepository.MismatchListAsync), "'l'", "parameter 'items'", "list<int>", "List<string>" },
        { nameof(IUncheckedRepository.MismatchSetAsync), "'s'", "parameter 'tags'", "set<text>", "HashSet<int>" },
        { nameof(IUncheckedRepository.MismatchMapAsync), "'m'", "parameter 'counts'", "map<text, int>", "Dictionary<int, int>" },
        { nameof(IUncheckedRepository.MismatchTupleAsync), "'tup'", "parameter 'pair'", "tuple<int, text>", "(string, int)" },
        { nameof(IUncheckedRepository.MismatchUdtAsync), "'ud'", "parameter 'home'", "gen_it.address", "int" },
        { nameof(IUncheckedRepository.MismatchUdtFieldAsync), "'ud'", "parameter 'home'", "field 'street' of user-defined type gen_it.address is text", "MisfitAddress.Street (int)" },
        { nameof(IUncheckedRepository.MismatchEnumAsync), "'u'", "parameter 'key'", "uuid", "Status" },
        { nameof(IUncheckedRepository.MismatchWideEnumAsync), "'level'", "parameter 'level'", "is int", "WideLevel" },
        { nameof(IUncheckedRepository.MismatchEnumListAsync), "'statuses'", "parameter 'statuses'", "list<text>", "List<Guid>" },
    };

    private static Task Call(IUncheckedRepository rows, string method, int id) => method switch
    {
        nameof(IUncheckedRepository.MismatchTextAsync) => rows.MismatchTextAsync(65, id),
        nameof(IUncheckedRepository.MismatchAsciiAsync) => rows.MismatchAsciiAsync(Guid.NewGuid(), id),
        nameof(IUncheckedRepository.MismatchIntAsync) => rows.MismatchIntAsync("65", id),
        nameof(IUncheckedRepository.MismatchBigintAsync) => rows.MismatchBigintAsync(65, id),
        nameof(IUncheckedRepository.MismatchBlobAsync) => rows.MismatchBlobAsync("bytes", id),
        nameof(IUncheckedRepository.MismatchBooleanAsync) => rows.MismatchBooleanAsync(1, id),
        nameof(IUncheckedRepository.MismatchFloatAsync) => rows.MismatchFloatAsync(1.5, id),
        nameof(IUncheckedRepository.MismatchDoubleAsync) => rows.MismatchDoubleAsync(1.5f, id),
        nameof(IUncheckedRepository.MismatchDecimalAsync) => rows.MismatchDecimalAsync(1.5, id),
        nameof(IUncheckedRepository.MismatchVarintAsync) => rows.MismatchVarintAsync(65, id),
        nameof(IUncheckedRepository.MismatchUuidAsync) => rows.MismatchUuidAsync(Guid.NewGuid().ToString(), id),
        nameof(IUncheckedRepository.MismatchTimeuuidAsync) => rows.MismatchTimeuuidAsync(DateTimeOffset.UtcNow, id),
        nameof(IUncheckedRepository.MismatchTimestampAsync) => rows.MismatchTimestampAsync(Guid.NewGuid(), id),
        nameof(IUncheckedRepository.MismatchInetAsync) => rows.MismatchInetAsync("127.0.0.1", id),
        nameof(IUncheckedRepository.MismatchListAsync) => rows.MismatchListAsync(["a"], id),
        nameof(IUncheckedRepository.MismatchSetAsync) => rows.MismatchSetAsync([1], id),
        nameof(IUncheckedRepository.MismatchMapAsync) => rows.MismatchMapAsync(new() { [1] = 1 }, id),
        nameof(IUncheckedRepository.MismatchTupleAsync) => rows.MismatchTupleAsync(("a", 1), id),
        nameof(IUncheckedRepository.MismatchUdtAsync) => rows.MismatchUdtAsync(1, id),
        nameof(IUncheckedRepository.MismatchUdtFieldAsync) => rows.MismatchUdtFieldAsync(new MisfitAddress(1, "2"), id),
        nameof(IUncheckedRepository.MismatchEnumAsync) => rows.MismatchEnumAsync(Status.Active, id),
        nameof(IUncheckedRepository.MismatchWideEnumAsync) => rows.MismatchWideEnumAsync(WideLevel.High, id),
        nameof(IUncheckedRepository.MismatchEnumListAsync) => rows.MismatchEnumListAsync([Guid.NewGuid()], id),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };

    private static UncheckedRow Sample(int id) => new(
        id,
        A: "ascii",
        T: "héllo",
        N: -7,
        B: long.MaxValue,
        Bl: [1, 2, 255],
        Bo: true,
        F: 1.25f,
        D: Math.E,
        De: 12.345m,
        Vi: BigInteger.Parse("123456789012345678901234567890", System.Globalization.CultureInfo.InvariantCulture),
        U: Guid.NewGuid(),
        Tu: TimeUuid.NewId(),
        Ts: new DateTimeOffset(2024, 2, 29, 12, 0, 0, 5, TimeSpan.Zero),
        I: IPAddress.Parse("10.1.2.3"),
        L: [3, 1, 2],
        S: ["x", "y"],
        M: new Dictionary<string, int> { ["k"] = 9 },
        Tup: (4, "four"),
        Ud: new Address("1 Main St", 12345, ["home"]),
        Status: Status.Retired,
        Level: Status.Active,
        Statuses: [Status.Active, Status.Retired]);

    [Fact]
    public async Task Every_family_of_the_right_type_is_written_and_read_back()
    {
        var row = Sample(NextId());

        await _rows.InsertAsync(row);
        var read = await _rows.GetAsync(row.Id);

        Assert.NotNull(read);
        Assert.Equal(row with { Bl = read.Bl, L = read.L, S = read.S, M = read.M, Ud = read.Ud, Statuses = read.Statuses }, read);
        Assert.Equal(row.Bl, read.Bl);
        Assert.Equal(row.L, read.L);
        Assert.True(row.S.SetEquals(read.S));
        Assert.Equal(row.M, read.M);
        Assert.Equal(row.Ud!.Street, read.Ud!.Street);
        Assert.Equal(row.Ud.Tags, read.Ud.Tags);
        Assert.Equal(row.Statuses, read.Statuses);
    }

    [Fact]
    public async Task An_enum_goes_to_a_text_column_by_name_and_to_an_int_column_by_number()
    {
        int id = NextId();

        await _rows.SetStatusAsync(Status.Active, id);
        await _rows.SetLevelAsync(Status.Retired, id);

        Assert.Equal("Active", await _rows.GetStatusTextAsync(id));
        Assert.Equal(Status.Active, await _rows.GetStatusAsync(id));
        Assert.Equal(2, await _rows.GetLevelNumberAsync(id));
    }

    [Theory]
    [MemberData(nameof(Mismatches))]
    public async Task A_value_the_marker_cannot_take_is_refused_before_it_is_sent(string method, string marker, string parameter, string cqlType, string dotnetType)
    {
        var row = Sample(NextId());
        await _rows.InsertAsync(row);

        var error = await Assert.ThrowsAsync<InvalidCastException>(() => Call(_rows, method, row.Id));

        Assert.Contains(marker, error.Message, StringComparison.Ordinal);
        Assert.Contains(parameter + " of IUncheckedRepository." + method, error.Message, StringComparison.Ordinal);
        Assert.Contains(cqlType, error.Message, StringComparison.Ordinal);
        Assert.Contains(dotnetType, error.Message, StringComparison.Ordinal);
        Assert.Equal(Render(row), Render(await _rows.GetAsync(row.Id)));
    }

    // Every value as text, collections by content, so rows compare whole.
    private static string Render(UncheckedRow? row) => row is null
        ? "no row"
        : string.Join("|", row with { Bl = null, L = [], S = [], M = [], Ud = null, Statuses = [] },
            Convert.ToHexString(row.Bl ?? []), string.Join(",", row.L), string.Join(",", row.S.Order(StringComparer.Ordinal)),
            string.Join(",", row.M.Select(p => p.Key + "=" + p.Value)), row.Ud is null ? "-" : row.Ud.Street + "/" + row.Ud.Zip + "/" + string.Join(",", row.Ud.Tags),
            string.Join(",", row.Statuses));

    [Fact]
    public async Task The_int_from_the_issue_is_not_stored_as_text_bytes()
    {
        int id = NextId();

        var error = await Assert.ThrowsAsync<InvalidCastException>(() => _rows.MismatchTextAsync(65, id));

        Assert.StartsWith("Marker #1 ('t') of the prepared statement is text, but parameter 'text' of IUncheckedRepository.MismatchTextAsync is int", error.Message, StringComparison.Ordinal);
        Assert.Null(await _rows.GetTextAsync(id));
    }

    [Fact]
    public async Task A_reader_without_a_schema_checks_the_column_type_too()
    {
        int id = NextId();
        await _rows.InsertAsync(Sample(id));

        var error = await Assert.ThrowsAsync<InvalidCastException>(() => _rows.ReadTextAsIntAsync(id));

        Assert.Contains("Column 't' of table 'gen_it.unchecked_types' is text", error.Message, StringComparison.Ordinal);
    }
}
