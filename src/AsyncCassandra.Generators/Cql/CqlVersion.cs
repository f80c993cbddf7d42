using System.Globalization;

namespace AsyncCassandra.Generators.Cql;

/// <summary>A Cassandra release, major.minor (<c>2.1</c>, <c>3.10</c>, <c>5.0</c>), ordered numerically.</summary>
internal readonly record struct CqlVersion(int Major, int Minor) : IComparable<CqlVersion>
{
    /// <summary>The oldest grammar the checker distinguishes: what Cassandra 2.1 reads needs no newer release.</summary>
    public static readonly CqlVersion Baseline = new(2, 1);

    /// <summary>The grammar the checker follows: Cassandra 5.0's.</summary>
    public static readonly CqlVersion Followed = new(5, 0);

    public int CompareTo(CqlVersion other) => Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    public static bool operator <(CqlVersion left, CqlVersion right) => left.CompareTo(right) < 0;

    public static bool operator >(CqlVersion left, CqlVersion right) => left.CompareTo(right) > 0;

    public static bool operator <=(CqlVersion left, CqlVersion right) => left.CompareTo(right) <= 0;

    public static bool operator >=(CqlVersion left, CqlVersion right) => left.CompareTo(right) >= 0;

    /// <summary>Reads <c>4</c>, <c>4.1</c> or <c>4.1.3</c> (the patch is ignored); false for anything else.</summary>
    public static bool TryParse(string? text, out CqlVersion version)
    {
        version = default;
        var parts = (text ?? string.Empty).Trim().Split('.');
        if (parts.Length is < 1 or > 3
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || (parts.Length > 1 && !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            return false;
        }

        version = new CqlVersion(major, parts.Length > 1 ? int.Parse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture) : 0);
        return true;
    }

    public override string ToString() => Major.ToString(CultureInfo.InvariantCulture) + "." + Minor.ToString(CultureInfo.InvariantCulture);
}
