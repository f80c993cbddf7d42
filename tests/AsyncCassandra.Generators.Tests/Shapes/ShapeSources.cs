namespace AsyncCassandra.Generators.Tests.Shapes;

/// <summary>
/// C# declarations users write, each a file of its own namespace, that must compile with the generated code with no
/// warning (warnings are errors) under every nullable context and language version the shape tests try: they use no
/// nullable reference annotation (a project with nullable disabled could not) and nothing newer than C# 11.
/// </summary>
internal static class ShapeSources
{
    /// <summary>Parameters named like the generated code's locals, lambda parameters and helpers.</summary>
    public const string LocalNames = """
        using AsyncCassandra;

        namespace Shapes.LocalNames;

        public sealed record User(Guid Id, string Name);

        public partial interface IRepository
        {
            [CqlQuery("SELECT id, name FROM users WHERE id = ? AND name = ? LIMIT ?")]
            Task<User> GetAsync(Guid values, string statement, int prepared);

            [CqlQuery("SELECT id, name FROM users WHERE id = ? AND name = ? LIMIT ?")]
            Task<IReadOnlyList<User>> ListAsync(Guid rows, string items, int first);

            [CqlQuery("SELECT id, name FROM users WHERE id = ? AND name = ? LIMIT ?")]
            IAsyncEnumerable<User> StreamAsync(Guid row, string reader, int next);

            [CqlQuery("SELECT id, name FROM users WHERE id = ? AND name = ?")]
            IAsyncEnumerable<User> StreamNamedAsync(Guid raw, string cancellationToken);

            [CqlQuery("SELECT id, name FROM users WHERE id = ?")]
            Task<CqlPage<User>> PageAsync(Guid binder, byte[] pagingState);

            [CqlQuery("UPDATE users SET name = ? WHERE id = ? IF name = ?")]
            Task<bool> RenameAsync(string variables, Guid columns, string type);

            [CqlQuery("INSERT INTO users (id, name) VALUES (?, ?)")]
            ValueTask InsertAsync(Guid item, string token);

            [CqlQuery("SELECT name FROM users WHERE id = ?")]
            Task<string> NameAsync(Guid result);
        }
        """;

    /// <summary>Members whose names are C# keywords, bound by name and read into.</summary>
    public const string KeywordMembers = """
        using AsyncCassandra;

        namespace Shapes.KeywordMembers;

        public sealed record Thing(Guid Id, string @class, int @event);

        public partial interface IRepository
        {
            [CqlQuery("INSERT INTO things (id, \"class\", event) VALUES (:id, :class, :event)")]
            Task InsertAsync(Thing thing);

            [CqlQuery("SELECT id, \"class\", event FROM things WHERE id = ?")]
            Task<Thing> GetAsync(Guid id);

            [CqlQuery("UPDATE things SET event = :event WHERE id = :id")]
            Task SetAsync(Guid id, int @event);
        }
        """;

    /// <summary>Types and interfaces declared inside the repository interface.</summary>
    public const string NestedTypes = """
        using AsyncCassandra;

        namespace Shapes.NestedTypes;

        public partial interface IRepository
        {
            public sealed record Row(Guid Id, string Name);

            public interface IMarker { }

            public abstract class Base { }

            [CqlQuery("SELECT id, name FROM rows WHERE id = ?")]
            Task<Row> GetAsync(Guid id);
        }
        """;

    /// <summary>Obsolete row, parameter and enum types (the user's own code suppresses their warnings; generated code must not add any).</summary>
    public const string ObsoleteTypes = """
        using AsyncCassandra;

        namespace Shapes.ObsoleteTypes;

        [Obsolete("use User")]
        public sealed record OldUser(Guid Id, string Name);

        [Obsolete("use text")]
        public enum OldKind { A, B }

        #pragma warning disable CS0618, CS0612
        public partial interface IRepository
        {
            [CqlQuery("SELECT id, name FROM users WHERE id = ?")]
            Task<OldUser> GetAsync(Guid id);

            [CqlQuery("INSERT INTO users (id, name) VALUES (:id, :name)")]
            Task InsertAsync(OldUser user);

            [CqlQuery("UPDATE users SET kind = ? WHERE id = ?")]
            Task SetKindAsync(OldKind kind, Guid id);
        }
        #pragma warning restore CS0618, CS0612
        """;

    /// <summary>A readonly struct made through its constructor, and a struct with init members.</summary>
    public const string Structs = """
        using AsyncCassandra;

        namespace Shapes.Structs;

        public readonly struct Coord
        {
            public Coord(int x, int y)
            {
                X = x;
                Y = y;
            }

            public int X { get; }

            public int Y { get; }
        }

        public struct Point
        {
            public int X { get; init; }

            public int Y { get; init; }
        }

        public partial interface IRepository
        {
            [CqlQuery("SELECT x, y FROM coords WHERE id = ?")]
            Task<Coord?> GetCoordAsync(int id);

            [CqlQuery("SELECT x, y FROM coords WHERE id = ?")]
            Task<IReadOnlyList<Point>> PointsAsync(int id);

            [CqlQuery("INSERT INTO coords (id, x, y) VALUES (:id, :x, :y)")]
            Task InsertAsync(int id, Coord coord);
        }
        """;

    /// <summary>A file with nullable annotations off: oblivious types everywhere.</summary>
    public const string NullableDisabled = """
        #nullable disable
        using AsyncCassandra;

        namespace Shapes.NullableDisabled;

        public sealed class LegacyUser
        {
            public Guid Id { get; set; }

            public string Name { get; set; }

            public List<string> Tags { get; set; }
        }

        public partial interface IRepository
        {
            [CqlQuery("SELECT id, name, tags FROM users WHERE id = ?")]
            ValueTask<LegacyUser> GetAsync(Guid id);

            [CqlQuery("SELECT name FROM users WHERE id = ?")]
            Task<string> NameAsync(Guid id);

            [CqlQuery("SELECT tags FROM users WHERE id = ?")]
            Task<List<string>> TagsAsync(Guid id);

            [CqlQuery("SELECT id, name, tags FROM users")]
            Task<IReadOnlyList<LegacyUser>> AllAsync();

            [CqlQuery("SELECT id, name, tags FROM users")]
            IAsyncEnumerable<LegacyUser> StreamAsync();

            [CqlQuery("INSERT INTO users (id, name, tags) VALUES (:id, :name, :tags)")]
            Task InsertAsync(LegacyUser user);

            [CqlQuery("SELECT id, name, tags FROM users", PageSize = 10)]
            Task<CqlPage<LegacyUser>> PageAsync(byte[] pagingState);
        }
        """;

    /// <summary>Repositories in a partial class, a base repository whose Create the derived one hides, and the global namespace.</summary>
    public const string Layouts = """
        using AsyncCassandra;

        namespace Shapes.Layouts
        {
            public static partial class Data
            {
                public partial interface IInner
                {
                    [CqlQuery("SELECT count(*) FROM users")]
                    Task<long> CountAsync();
                }
            }

            public partial interface IBase
            {
                [CqlQuery("SELECT count(*) FROM users")]
                Task<long> CountAsync();
            }

            public partial interface IDerived : IBase
            {
                [CqlQuery("SELECT name FROM users WHERE id = ?")]
                Task<string> NameAsync(Guid id);

                Task<long> IBase.CountAsync() => Task.FromResult(0L);
            }
        }
        """;

    /// <summary>Every shape that must compile warning-free.</summary>
    public static readonly (string Name, string Source)[] Clean =
    [
        (nameof(LocalNames), LocalNames),
        (nameof(KeywordMembers), KeywordMembers),
        (nameof(NestedTypes), NestedTypes),
        (nameof(ObsoleteTypes), ObsoleteTypes),
        (nameof(Structs), Structs),
        (nameof(NullableDisabled), NullableDisabled),
        (nameof(Layouts), Layouts),
    ];
}
