using System.Globalization;

namespace AsyncCassandra.Bulk;

/// <summary>
/// Share <see cref="Index"/> of <see cref="Count"/> (1-based, written <c>i/n</c>): the token ring is cut into
/// <see cref="Count"/> equal slices and a run with this shard works on slice <see cref="Index"/> only. n processes
/// given <c>1/n</c> ... <c>n/n</c> cover every row exactly once with nothing coordinating them but the arguments.
/// </summary>
public readonly record struct Shard
{
    /// <summary>Creates shard <paramref name="index"/> of <paramref name="count"/>.</summary>
    public Shard(int index, int count)
    {
        if (count < 1 || index < 1 || index > count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"A shard is i/n with 1 <= i <= n (was {index}/{count}).");
        }

        Index = index;
        Count = count;
    }

    /// <summary>This shard's number, from 1.</summary>
    public int Index { get; }

    /// <summary>How many shards the table is cut into.</summary>
    public int Count { get; }

    /// <summary>Reads <c>i/n</c>, e.g. <c>2/3</c>; throws <see cref="FormatException"/> for anything else.</summary>
    public static Shard Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] parts = text.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int count) && count >= 1 && index >= 1 && index <= count)
        {
            return new Shard(index, count);
        }

        throw new FormatException($"'{text}' is not a shard: write i/n with 1 <= i <= n, e.g. 2/3.");
    }

    /// <inheritdoc />
    public override string ToString() => $"{Index}/{Count}";
}
