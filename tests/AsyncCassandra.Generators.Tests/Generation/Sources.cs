namespace AsyncCassandra.Generators.Tests.Generation;

/// <summary>Representative repository declarations shared by the snapshot and compilation tests.</summary>
internal static class Sources
{
    /// <summary>The API.md example.</summary>
    public const string Users = """
        using AsyncCassandra;

        namespace MyApp;

        [CqlTable("users")]
        public sealed record User(Guid Id, string Name, string? Email, DateTimeOffset CreatedAt);

        public partial interface IUserRepository
        {
            [CqlQuery("SELECT id, name, email, created_at FROM users WHERE id = ?")]
            Task<User?> GetAsync(Guid id, CancellationToken ct = default);

            [CqlQuery("SELECT id, name, email, created_at FROM users")]
            IAsyncEnumerable<User> StreamAllAsync(CancellationToken ct = default);

            [CqlQuery("SELECT id, name, email, created_at FROM users WHERE id IN ?")]
            Task<IReadOnlyList<User>> GetManyAsync(IEnumerable<Guid> ids, CancellationToken ct = default);

            [CqlQuery("SELECT count(*) FROM users")]
            Task<long> CountAsync(CancellationToken ct = default);

            [CqlQuery("INSERT INTO users (id, name, email, created_at) VALUES (:id, :name, :email, :created_at)", Idempotent = true)]
            Task InsertAsync(User user, CancellationToken ct = default);

            [CqlQuery("INSERT INTO users (id, name) VALUES (?, ?) IF NOT EXISTS")]
            Task<bool> TryCreateAsync(Guid id, string name, CancellationToken ct = default);

            [CqlQuery("SELECT id, name, email, created_at FROM users", PageSize = 100)]
            Task<CqlPage<User>> PageAsync(byte[]? pagingState, CancellationToken ct = default);
        }
        """;

    /// <summary>Every CQL type in one table, read into a record, a class and scalars, written from parameters.</summary>
    public const string AllTypes = """
        using System.Net;
        using System.Numerics;
        using AsyncCassandra;

        namespace Types;

        public enum Color { Red, Green, Blue }

        public enum Size : long { Small = 1, Large = 2 }

        public sealed record Address(string Street, int Zip, List<string> Tags);

        public sealed record Everything(
            int Id,
            string? Ascii,
            long Big,
            byte[]? Blob,
            bool Flag,
            decimal Dec,
            double Dbl,
            float Flt,
            IPAddress? Ip,
            int? Maybe,
            string Text,
            DateTimeOffset Ts,
            Guid U,
            Guid? Tu,
            BigInteger Vi,
            List<int> Ints,
            HashSet<string> Names,
            Dictionary<string, long> Counts,
            (int, string?) Pair,
            (int Number, string? Word, double? Score)? Triple,
            Address? Home,
            List<(int, string)> Tuples,
            Dictionary<int, Address> Addresses,
            Color Color,
            Color? Shade);

        public sealed class Loose
        {
            public int Id { get; set; }
            [CqlColumn("text")] public string? Label { get; init; }
            public IReadOnlyList<int> Ints { get; set; } = [];
            public IList<int>? IntsList { get; set; }
            public int[] IntsArray { get; set; } = [];
            public ISet<string> Names { get; set; } = new HashSet<string>();
            public IReadOnlySet<string>? ReadOnlyNames { get; set; }
            public IReadOnlyDictionary<string, long> Counts { get; set; } = new Dictionary<string, long>();
            public IDictionary<string, long>? MutableCounts { get; set; }
            public ReadOnlyMemory<byte> Blob { get; set; }
            public DateTime Ts { get; set; }
            [CqlIgnore] public string Computed => "x";
            public Size Size { get; set; }
        }

        public partial interface IEverythingRepository
        {
            [CqlQuery("SELECT id, ascii AS ascii, big, blob, flag, dec, dbl, flt, ip, maybe, text, ts, u, tu, vi, ints, names, counts, pair, triple, home, tuples, addresses, color, shade FROM everything WHERE id = ?")]
            Task<Everything?> GetAsync(int id, CancellationToken ct = default);

            [CqlQuery("SELECT * FROM everything")]
            IAsyncEnumerable<Loose> StreamLooseAsync(CancellationToken ct = default);

            [CqlQuery("SELECT id, text, ints, ints AS ints_list, ints AS ints_array, names, names AS read_only_names, counts, counts AS mutable_counts, blob, ts, size FROM everything WHERE id = ?")]
            ValueTask<Loose?> GetLooseAsync(int id, CancellationToken ct = default);

            [CqlQuery("INSERT INTO everything (id, ascii, big, blob, flag, dec, dbl, flt, ip, maybe, text, ts, u, tu, vi, ints, names, counts, pair, triple, home, tuples, addresses, color, shade) VALUES (:id, :ascii, :big, :blob, :flag, :dec, :dbl, :flt, :ip, :maybe, :text, :ts, :u, :tu, :vi, :ints, :names, :counts, :pair, :triple, :home, :tuples, :addresses, :color, :shade)")]
            ValueTask InsertAsync(Everything row, CancellationToken ct = default);

            [CqlQuery("UPDATE everything SET home = ?, tuples = ?, maybe = ? WHERE id = ?")]
            Task UpdateAsync(Address? home, IEnumerable<(int, string)> tuples, int? maybe, int id);

            [CqlQuery("SELECT home FROM everything WHERE id = ?")]
            Task<Address?> GetHomeAsync(int id);

            [CqlQuery("SELECT text FROM everything WHERE id = ?")]
            Task<string?> GetTextAsync(int id);

            [CqlQuery("SELECT ints FROM everything WHERE id = ?")]
            Task<List<int>> GetIntsAsync(int id);

            [CqlQuery("SELECT color FROM everything WHERE id IN ?")]
            Task<IReadOnlyList<Color>> GetColorsAsync(int[] ids);

            [CqlQuery("SELECT maybe FROM everything LIMIT ?")]
            IAsyncEnumerable<int?> StreamMaybeAsync(int limit, CancellationToken cancellationToken);

            [CqlQuery("SELECT pair FROM everything WHERE id = ?")]
            ValueTask<(int, string?)> GetPairAsync(int id);

            [CqlQuery("DELETE FROM everything WHERE id = ? IF EXISTS")]
            ValueTask<bool> DeleteAsync(int id);

            [CqlQuery("UPDATE everything SET text = :text WHERE id = :id IF text = :expected", Consistency = ConsistencyLevel.Quorum, SerialConsistency = ConsistencyLevel.LocalSerial, TimeoutMs = 5000, Tracing = true)]
            Task<bool> CompareAndSetAsync(int id, string? expected, string text);
        }
        """;

    /// <summary>The schema of <see cref="AllTypes"/>.</summary>
    public const string AllTypesSchema = """
        CREATE KEYSPACE gen WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1};
        USE gen;
        CREATE TYPE address (street text, zip int, tags list<text>);
        CREATE TABLE everything (
            id int PRIMARY KEY, ascii ascii, big bigint, blob blob, flag boolean, dec decimal, dbl double, flt float,
            ip inet, maybe int, text text, ts timestamp, u uuid, tu timeuuid, vi varint,
            ints list<int>, names set<text>, counts map<text, bigint>,
            pair frozen<tuple<int, text>>, triple frozen<tuple<int, text, double>>, home frozen<address>,
            tuples list<frozen<tuple<int, text>>>, addresses map<int, frozen<address>>,
            color text, shade int, size bigint);
        """;

    /// <summary>A repository nested in a partial class, with a faulted method and a member without [CqlQuery].</summary>
    public const string Nested = """
        using AsyncCassandra;

        namespace Outer.Space;

        public static partial class Data
        {
            public sealed class Counter
            {
                public string Page { get; set; } = "";
                public long Views { get; set; }
            }

            internal partial interface ICounterRepository
            {
                [CqlQuery("UPDATE counters SET views = views + 1 WHERE page = ?")]
                Task IncrementAsync(string page);

                [CqlQuery("SELECT page, views FROM counters WHERE page = ?")]
                Task<Counter?> GetAsync(string page, CancellationToken cancellationToken);

                [CqlQuery("SELECT page, views FROM counters WHERE page = ?")]
                Task<Counter?> GetAsync(string page, int ignored);

                [CqlQuery("SELECT views FROM counters WHERE page = ?")]
                Task<long?> ViewsAsync(string page);

                Task<int> NotAQueryAsync();

                [CqlQuery("SELECT page FROM counters")]
                Task<IReadOnlyList<string>> PagesAsync() => Task.FromResult<IReadOnlyList<string>>([]);
            }
        }
        """;

    /// <summary>Declarations at the edges: global namespace, token first, keyword names, structs, required members.</summary>
    public const string Edges = """
        using AsyncCassandra;

        public struct Point
        {
            public int X { get; set; }
            public int Y { get; set; }
        }

        public sealed class Tagged
        {
            public required string Name { get; init; }
            public int? Count { get; set; }
        }

        public sealed record Line(Point From, Point To, List<Point> Via);

        public sealed record Keywords(int @class, string? @event);

        public partial interface IEdgeRepository
        {
            [CqlQuery("SELECT x, y FROM points WHERE id = ?")]
            Task<Point?> GetPointAsync(CancellationToken ct, int id);

            [CqlQuery("SELECT name, count FROM tags WHERE name = :name")]
            IAsyncEnumerable<Tagged> TagsAsync(string name);

            [CqlQuery("SELECT \"class\", event FROM keywords WHERE \"class\" = :class")]
            Task<Keywords?> KeywordsAsync(int @class);

            [CqlQuery("INSERT INTO lines (id, line) VALUES (?, ?)")]
            Task AddAsync(int id, Line line);

            [CqlQuery("SELECT line FROM lines WHERE id = ?")]
            Task<Line?> GetLineAsync(int id);

            [CqlQuery("SELECT lines FROM drawings WHERE id = ?")]
            Task<List<Line>?> GetLinesAsync(int id);

            [CqlQuery("BEGIN BATCH INSERT INTO points (id, x, y) VALUES (?, ?, ?); DELETE FROM points WHERE id = ?; APPLY BATCH")]
            Task MoveAsync(int id, int x, int y, int old);
        }
        """;
}
