using System.Net;
using System.Numerics;

namespace AsyncCassandra.Generators.IntegrationTests.NoSchema;

/// <summary>An enum with the default (int) underlying type: written by name to text, by number to int.</summary>
public enum Status
{
    Unknown = 0,
    Active = 1,
    Retired = 2,
}

/// <summary>An enum carried as a long: it fits bigint, not int.</summary>
public enum WideLevel : long
{
    Low = 1,
    High = 2,
}

/// <summary>The user-defined type address (street text, zip int, tags list&lt;text&gt;).</summary>
public sealed record Address(string Street, int Zip, List<string> Tags);

/// <summary>A record whose member types do not fit the fields of address.</summary>
public sealed record MisfitAddress(int Street, string Zip);

/// <summary>One value of every codec family, of the right .NET type.</summary>
public sealed record UncheckedRow(
    int Id,
    string? A,
    string? T,
    int? N,
    long? B,
    byte[]? Bl,
    bool? Bo,
    float? F,
    double? D,
    decimal? De,
    BigInteger? Vi,
    Guid? U,
    Guid? Tu,
    DateTimeOffset? Ts,
    IPAddress? I,
    List<int> L,
    HashSet<string> S,
    Dictionary<string, int> M,
    (int, string?)? Tup,
    Address? Ud,
    Status? Status,
    Status? Level,
    List<Status> Statuses);
