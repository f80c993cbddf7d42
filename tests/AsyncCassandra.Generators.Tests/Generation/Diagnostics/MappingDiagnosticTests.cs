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
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Raised_at_the_offending_code(DiagnosticCase c) => c.AssertRaised();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Near_case_is_clean(DiagnosticCase c) => c.AssertNearIsClean();

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
