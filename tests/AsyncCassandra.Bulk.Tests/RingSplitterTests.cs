using System.Numerics;
using AsyncCassandra.Bulk.Ranges;
using AsyncCassandra.Metadata;

namespace AsyncCassandra.Bulk.Tests;

/// <summary>The ring cut into ranges: each token in exactly one range, wrap-around, both partitioners, shards, resume.</summary>
public sealed class RingSplitterTests
{
    public static TheoryData<string> Partitioners => new() { "Murmur3Partitioner", "RandomPartitioner" };

    [Theory]
    [MemberData(nameof(Partitioners))]
    public void Vnode_ring_is_covered_once_including_the_wrapping_range(string name)
    {
        TokenPartitioner partitioner = TokenPartitioner.FromName(name)!;
        List<TokenRange> ring = Ring(partitioner, 3 * 16, seed: 7);
        Assert.True(ring[0].IsWrapping);
        List<ScanRange> ranges = RingSplitter.Split(partitioner, ring, splitCount: 10, shard: null);
        AssertCovers(partitioner.MinToken.Value, partitioner.MaxToken.Value, ranges);
        Assert.Equal(ring.Count + 1, ranges.Count);
        // The wrapping range is both ends of the ring, with its replicas.
        Assert.Equal(ring[0].Replicas, ranges[0].Replicas);
        Assert.Equal(ring[0].Replicas, ranges[^1].Replicas);
    }

    [Theory]
    [MemberData(nameof(Partitioners))]
    public void Ranges_are_split_further_to_the_requested_count(string name)
    {
        TokenPartitioner partitioner = TokenPartitioner.FromName(name)!;
        List<TokenRange> ring = Ring(partitioner, 8, seed: 3);
        List<ScanRange> ranges = RingSplitter.Split(partitioner, ring, splitCount: 400, shard: null);
        Assert.InRange(ranges.Count, 380, 420);
        AssertCovers(partitioner.MinToken.Value, partitioner.MaxToken.Value, ranges);
        // Pieces of one vnode range keep its replicas.
        foreach (ScanRange piece in ranges)
        {
            TokenRange owner = ring.First(r => r.IsWrapping ? piece.End <= r.End.Value || piece.Start >= r.Start.Value : piece.Start >= r.Start.Value && piece.End <= r.End.Value);
            Assert.Equal(owner.Replicas, piece.Replicas);
        }
    }

    [Fact]
    public void A_single_token_ring_is_the_whole_ring()
    {
        TokenPartitioner partitioner = TokenPartitioner.Murmur3;
        var ring = new List<TokenRange> { new(new Token(42), new Token(42), ["a:9042"]) };
        List<ScanRange> ranges = RingSplitter.Split(partitioner, ring, 1, null);
        AssertCovers(partitioner.MinToken.Value, partitioner.MaxToken.Value, ranges);
        Assert.Equal(2, ranges.Count);
    }

    [Fact]
    public void Without_a_token_map_the_whole_ring_is_split_evenly()
    {
        List<ScanRange> ranges = RingSplitter.Split(TokenPartitioner.Random, [], 64, null);
        Assert.Equal(64, ranges.Count);
        AssertCovers(BigInteger.MinusOne, BigInteger.One << 127, ranges);
    }

    [Theory]
    [InlineData("Murmur3Partitioner", 3)]
    [InlineData("RandomPartitioner", 5)]
    public void Shards_are_disjoint_and_together_cover_the_ring(string name, int count)
    {
        TokenPartitioner partitioner = TokenPartitioner.FromName(name)!;
        List<TokenRange> ring = Ring(partitioner, 3 * 32, seed: 11);
        var all = new List<ScanRange>();
        for (int i = 1; i <= count; i++)
        {
            List<ScanRange> share = RingSplitter.Split(partitioner, ring, 50, new Shard(i, count));
            Assert.NotEmpty(share);
            (BigInteger low, BigInteger high) = RingSplitter.Slice(partitioner.MinToken.Value, partitioner.MaxToken.Value, new Shard(i, count));
            Assert.All(share, r => Assert.True(r.Start >= low && r.End <= high));
            all.AddRange(share);
        }

        AssertCovers(partitioner.MinToken.Value, partitioner.MaxToken.Value, all);
    }

    [Fact]
    public void Resume_subtracts_finished_ranges_even_when_the_split_changed()
    {
        TokenPartitioner partitioner = TokenPartitioner.Murmur3;
        List<TokenRange> ring = Ring(partitioner, 12, seed: 5);
        List<ScanRange> first = RingSplitter.Split(partitioner, ring, 100, null);
        var done = first.Where((_, i) => i % 3 == 0).Select(r => (r.Start, r.End)).ToList();
        // The next run cuts the ring differently (another split count): what is left is exactly the rest.
        List<ScanRange> second = RingSplitter.Split(partitioner, ring, 37, null);
        List<ScanRange> remaining = RingSplitter.Subtract(second, done);
        var union = remaining.Concat(done.Select(d => new ScanRange(d.Start, d.End, []))).ToList();
        AssertCovers(partitioner.MinToken.Value, partitioner.MaxToken.Value, union);
    }

    [Theory]
    [InlineData("2/3", 2, 3)]
    [InlineData("1/1", 1, 1)]
    public void Shard_parses_i_of_n(string text, int index, int count) => Assert.Equal(new Shard(index, count), Shard.Parse(text));

    [Theory]
    [InlineData("0/3")]
    [InlineData("4/3")]
    [InlineData("2")]
    [InlineData("a/b")]
    public void Shard_rejects_what_is_not_i_of_n(string text) => Assert.Throws<FormatException>(() => Shard.Parse(text));

    /// <summary>Sorted, disjoint (Start, End] ranges whose union is exactly (min, max].</summary>
    private static void AssertCovers(BigInteger min, BigInteger max, IEnumerable<ScanRange> ranges)
    {
        List<ScanRange> sorted = [.. ranges.OrderBy(r => r.Start)];
        Assert.Equal(min, sorted[0].Start);
        Assert.Equal(max, sorted[^1].End);
        for (int i = 0; i < sorted.Count; i++)
        {
            Assert.True(sorted[i].End > sorted[i].Start, $"empty or inverted range {sorted[i]}");
            if (i > 0)
            {
                Assert.Equal(sorted[i - 1].End, sorted[i].Start);
            }
        }
    }

    /// <summary>A ring of random tokens over three nodes, as ClusterMetadata.GetTokenRanges gives it (first range wrapping).</summary>
    private static List<TokenRange> Ring(TokenPartitioner partitioner, int tokens, int seed)
    {
        var random = new Random(seed);
        BigInteger span = partitioner.MaxToken.Value - partitioner.MinToken.Value;
        var values = new SortedSet<BigInteger>();
        while (values.Count < tokens)
        {
            byte[] bytes = new byte[17];
            random.NextBytes(bytes);
            values.Add(partitioner.MinToken.Value + 1 + BigInteger.Remainder(new BigInteger(bytes, isUnsigned: true), span));
        }

        BigInteger[] ring = [.. values];
        return [.. ring.Select((end, i) => new TokenRange(new Token(ring[i == 0 ? ring.Length - 1 : i - 1]), new Token(end), [$"node{i % 3}:9042"]))];
    }
}
