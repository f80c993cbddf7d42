using System.Net;
using System.Numerics;

namespace AsyncCassandra.Generators.IntegrationTests.Repositories;

/// <summary>Stored as text: schema.cql declares all_types.color as text.</summary>
public enum Color
{
    Red,
    Green,
    Blue,
}

/// <summary>Stored as its number: all_types.level is an int.</summary>
public enum Level
{
    Low = 1,
    High = 2,
}

/// <summary>The user-defined type address.</summary>
public sealed record Address(string Street, int Zip, List<string> Tags);

/// <summary>Every column nullable: reads back what was written, nulls included.</summary>
public sealed record AllTypesRow(
    int Id,
    string? A,
    long? B,
    byte[]? Bl,
    bool? Bo,
    decimal? De,
    double? D,
    float? F,
    IPAddress? I,
    int? N,
    string? T,
    DateTimeOffset? Ts,
    Guid? U,
    Guid? Tu,
    BigInteger? Vi,
    List<int> L,
    HashSet<string> S,
    Dictionary<string, long> M,
    (int, string?, double?)? Tup,
    Address? Ud,
    List<(int, string?)> Nl,
    Dictionary<int, Address> Nm,
    Color? Color,
    Level? Level);

/// <summary>Non-nullable members: a null column is a clear error.</summary>
public sealed record StrictRow(int Id, long B);

/// <summary>The same columns through collection interfaces, arrays and other .NET shapes.</summary>
public sealed class AllTypesView
{
    public int Id { get; set; }

    public IReadOnlyList<int> L { get; set; } = [];

    public int[] LArray { get; set; } = [];

    public ISet<string> S { get; set; } = new HashSet<string>();

    public IReadOnlyDictionary<string, long> M { get; set; } = new Dictionary<string, long>();

    public ReadOnlyMemory<byte> Bl { get; set; }

    public DateTime Ts { get; set; }

    public Color Color { get; set; }
}

public partial interface IAllTypesRepository
{
    [CqlQuery("""
        INSERT INTO all_types (id, a, b, bl, bo, de, d, f, i, n, t, ts, u, tu, vi, l, s, m, tup, ud, nl, nm, color, level)
        VALUES (:id, :a, :b, :bl, :bo, :de, :d, :f, :i, :n, :t, :ts, :u, :tu, :vi, :l, :s, :m, :tup, :ud, :nl, :nm, :color, :level)
        """)]
    Task InsertAsync(AllTypesRow row);

    [CqlQuery("SELECT id, a, b, bl, bo, de, d, f, i, n, t, ts, u, tu, vi, l, s, m, tup, ud, nl, nm, color, level FROM all_types WHERE id = ?")]
    Task<AllTypesRow?> GetAsync(int id);

    [CqlQuery("SELECT * FROM all_types WHERE id = ?")]
    Task<AllTypesRow?> GetStarAsync(int id);

    [CqlQuery("SELECT id, b FROM all_types WHERE id = ?")]
    Task<StrictRow?> GetStrictAsync(int id);

    [CqlQuery("SELECT id, l, l AS l_array, s, m, bl, ts, color FROM all_types WHERE id = ?")]
    Task<AllTypesView?> GetViewAsync(int id);

    [CqlQuery("INSERT INTO all_types (id) VALUES (?)")]
    Task InsertEmptyAsync(int id);

    [CqlQuery("UPDATE all_types SET ud = ?, tup = ?, color = ?, level = ? WHERE id = ?")]
    Task UpdateAsync(Address? ud, (int, string?, double?)? tup, Color? color, Level? level, int id);

    [CqlQuery("SELECT ud FROM all_types WHERE id = ?")]
    Task<Address?> GetAddressAsync(int id);

    [CqlQuery("SELECT nm FROM all_types WHERE id = ?")]
    Task<IReadOnlyDictionary<int, Address>?> GetAddressesAsync(int id);

    [CqlQuery("SELECT tup FROM all_types WHERE id = ?")]
    Task<(int, string?, double?)?> GetTupleAsync(int id);

    [CqlQuery("SELECT color FROM all_types WHERE id IN ?")]
    Task<IReadOnlyList<Color>> GetColorsAsync(int[] ids);

    [CqlQuery("SELECT level FROM all_types WHERE id = ?")]
    Task<Level?> GetLevelAsync(int id);

    [CqlQuery("SELECT writetime(t) AS written FROM all_types WHERE id = ?")]
    Task<long?> GetWriteTimeAsync(int id);

    [CqlQuery("UPDATE counters SET views = views + ? WHERE page = ?")]
    Task AddViewsAsync(long views, string page);

    [CqlQuery("SELECT views FROM counters WHERE page = ?")]
    Task<long?> GetViewsAsync(string page);
}
