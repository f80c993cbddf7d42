namespace AsyncCassandra.Generators.Tests.Generation.Diagnostics;

/// <summary>ACQL0200-0299: mapping rows to .NET types.</summary>
public class MappingDiagnosticTests
{
    public static readonly TheoryData<DiagnosticCase> Cases =
    [
        new("ACQL0200",
            """[CqlQuery("SELECT id, name, email FROM users WHERE id = ?")] Task<User?> GetAsync(Guid id);""",
            """[CqlQuery("SELECT id, name FROM users WHERE id = ?")] Task<User?> GetAsync(Guid id);""")
        { At = "email" },
        new("ACQL0201",
            """
            public sealed record Counted(int Count);
            public partial interface IRepository { [CqlQuery("SELECT count(*) AS count FROM users")] Task<Counted?> CountAsync(); }
            """,
            """
            public sealed record Counted(long Count);
            public partial interface IRepository { [CqlQuery("SELECT count(*) AS count FROM users")] Task<Counted?> CountAsync(); }
            """)
        { At = "count(*) AS count" },
        new("ACQL0202",
            """
            public abstract class Entity { public Guid Id { get; set; } }
            public partial interface IRepository { [CqlQuery("SELECT id FROM users")] Task<IReadOnlyList<Entity>> AllAsync(); }
            """,
            """
            public sealed class Entity { public Guid Id { get; set; } }
            public partial interface IRepository { [CqlQuery("SELECT id FROM users")] Task<IReadOnlyList<Entity>> AllAsync(); }
            """)
        { At = "Task<IReadOnlyList<Entity>>" },
        new("ACQL0203",
            """[CqlQuery("SELECT * FROM users WHERE id = ?")] Task<User?> GetAsync(Guid id);""",
            """[CqlQuery("SELECT * FROM users WHERE id = ?")] Task<User?> GetAsync(Guid id);""")
        {
            At = "*",
            NearSchema = "CREATE TABLE users (id uuid PRIMARY KEY, name text);",
        },
        new("ACQL0204",
            """
            public sealed record Person(Guid Id, string Name, string Email);
            public partial interface IRepository { [CqlQuery("SELECT id, name FROM users WHERE id = ?")] Task<Person?> GetAsync(Guid id); }
            """,
            """
            public sealed record Person(Guid Id, string Name, string? Email = null);
            public partial interface IRepository { [CqlQuery("SELECT id, name FROM users WHERE id = ?")] Task<Person?> GetAsync(Guid id); }
            """)
        { At = "Task<Person?>" },
        new("ACQL0205",
            """[CqlQuery("SELECT id, name FROM users")] IAsyncEnumerable<Guid> IdsAsync();""",
            """[CqlQuery("SELECT id FROM users")] IAsyncEnumerable<Guid> IdsAsync();""")
        { At = "id" },
        new("ACQL0206",
            """
            public sealed class Stamp { public Guid Id { get; set; } public DateTimeOffset CreatedAt { get; set; } }
            public partial interface IRepository { [CqlQuery("SELECT id, created_at, createdat FROM users")] Task<IReadOnlyList<Stamp>> AllAsync(); }
            """,
            """
            public sealed class Stamp { public Guid Id { get; set; } public DateTimeOffset CreatedAt { get; set; } }
            public partial interface IRepository { [CqlQuery("SELECT id, created_at FROM users")] Task<IReadOnlyList<Stamp>> AllAsync(); }
            """)
        { At = "createdat" },
        new("ACQL0207",
            """
            public sealed class Blob { public Guid Id { get; set; } public object? Payload { get; set; } }
            public partial interface IRepository { [CqlQuery("SELECT id, payload FROM users")] Task<IReadOnlyList<Blob>> AllAsync(); }
            """,
            """
            public sealed class Blob { public Guid Id { get; set; } public byte[]? Payload { get; set; } }
            public partial interface IRepository { [CqlQuery("SELECT id, payload FROM users")] Task<IReadOnlyList<Blob>> AllAsync(); }
            """)
        { At = "payload" },
        new("ACQL0208",
            """[CqlQuery("SELECT id, name FROM users")] Task<List<User>> AllAsync();""",
            """[CqlQuery("SELECT id, name FROM users")] Task<IReadOnlyList<User>> AllAsync();""")
        { At = "Task<List<User>>" },
        new("ACQL0209",
            """[CqlQuery("SELECT JSON id, name FROM users")] Task<IReadOnlyList<User>> AllAsync();""",
            """[CqlQuery("SELECT JSON id, name FROM users")] Task<IReadOnlyList<string>> AllAsync();""")
        { At = "Task<IReadOnlyList<User>>" },
        new("ACQL0210",
            """public readonly struct Coord { public Coord(Guid id) { Id = id; } public Guid Id { get; } public string Name { get; } } public partial interface IRepository { [CqlQuery("SELECT id, name FROM users WHERE id = ?")] Task<Coord?> GetAsync(Guid id); }""",
            """public readonly struct Coord { public Coord(Guid id, string name) { Id = id; Name = name; } public Guid Id { get; } public string Name { get; } } public partial interface IRepository { [CqlQuery("SELECT id, name FROM users WHERE id = ?")] Task<Coord?> GetAsync(Guid id); }""")
        { At = "name" },
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Raised_at_the_offending_code(DiagnosticCase c) => c.AssertRaised();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Near_case_is_clean(DiagnosticCase c) => c.AssertNearIsClean();

    [Theory]
    [InlineData("Task<List<User>>", "SELECT id, name FROM users", "has 2 columns")]
    [InlineData("ValueTask<User[]>", "SELECT id, name FROM users", "has 2 columns")]
    [InlineData("Task<IEnumerable<User>?>", "SELECT * FROM users", "selects * (every column)")]
    public void A_collection_of_rows_is_pointed_at_IReadOnlyList_not_at_the_column_count(string returns, string cql, string selects)
    {
        var result = DiagnosticCase.Run($$"""[CqlQuery("{{cql}}")] {{returns}} AllAsync();""", null);

        var diagnostic = Assert.Single(result.GeneratorDiagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        Assert.Equal("ACQL0208", diagnostic.Id);
        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(selects, message, StringComparison.Ordinal);
        Assert.Contains("return Task<IReadOnlyList<User>>", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_list_of_a_user_defined_type_column_stays_a_scalar()
    {
        var result = DiagnosticCase.Run("""
            public sealed record Address(string Street);
            public partial interface IRepository { [CqlQuery("SELECT addresses FROM users WHERE id = ?")] Task<List<Address>?> AddressesAsync(Guid id); }
            """, null);

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationDiagnostics);
    }

    [Fact]
    public void Select_star_is_informational()
    {
        var result = DiagnosticCase.Run("""[CqlQuery("SELECT * FROM users WHERE id = ?")] Task<User?> GetAsync(Guid id);""", null);
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Info, Assert.Single(result.GeneratorDiagnostics).Severity);
        Assert.Empty(result.CompilationDiagnostics);
    }

    [Fact]
    public void CqlColumn_and_CqlIgnore_change_the_match()
    {
        var result = DiagnosticCase.Run("""
            public sealed class Person
            {
                public Guid Id { get; set; }
                [CqlColumn("full_name")] public string? Name { get; set; }
                [CqlIgnore] public string? FullName { get; set; }
            }
            public partial interface IRepository { [CqlQuery("SELECT id, full_name FROM users")] Task<IReadOnlyList<Person>> AllAsync(); }
            """, null);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Contains("Name = v1", result.Generated("IRepository.g.cs"), StringComparison.Ordinal);
    }
}
