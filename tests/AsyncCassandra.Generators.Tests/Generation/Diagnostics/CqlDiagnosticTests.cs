namespace AsyncCassandra.Generators.Tests.Generation.Diagnostics;

/// <summary>ACQL0100-0199: the CQL text, its markers and its kind against the method.</summary>
public class CqlDiagnosticTests
{
    public static readonly TheoryData<DiagnosticCase> Cases =
    [
        new("ACQL0100",
            """[CqlQuery("SELECT id, name WHERE id = ?")] Task<User?> GetAsync(Guid id);""",
            """[CqlQuery("SELECT id, name FROM users WHERE id = ?")] Task<User?> GetAsync(Guid id);""")
        { At = "WHERE" },
        new("ACQL0101",
            """[CqlQuery("SELECT id, name FROM users WHERE id = ? AND name = ? ALLOW FILTERING")] Task<User?> FindAsync(Guid id);""",
            """[CqlQuery("SELECT id, name FROM users WHERE id = ? AND name = ? ALLOW FILTERING")] Task<User?> FindAsync(Guid id, string name);"""),
        new("ACQL0102",
            """[CqlQuery("INSERT INTO users (id, name) VALUES (:id, :full_name)")] Task InsertAsync(User user);""",
            """[CqlQuery("INSERT INTO users (id, name) VALUES (:id, :name)")] Task InsertAsync(User user);""")
        { At = ":full_name" },
        new("ACQL0103",
            """[CqlQuery("SELECT id, name FROM users WHERE id = :id")] Task<User?> GetAsync(Guid id, string name);""",
            """[CqlQuery("SELECT id, name FROM users WHERE id = :id")] Task<User?> GetAsync(Guid id);""")
        { At = "string name" },
        new("ACQL0104",
            """[CqlQuery("SELECT id, name FROM users WHERE id = ? AND name = :name ALLOW FILTERING")] Task<User?> FindAsync(Guid id, string name);""",
            """[CqlQuery("SELECT id, name FROM users WHERE id = :id AND name = :name ALLOW FILTERING")] Task<User?> FindAsync(Guid id, string name);""")
        { At = ":name" },
        new("ACQL0105",
            """[CqlQuery("INSERT INTO users (id, name) VALUES (?, ?) IF NOT EXISTS")] Task<User?> TryCreateAsync(Guid id, string name);""",
            """[CqlQuery("INSERT INTO users (id, name) VALUES (?, ?) IF NOT EXISTS")] Task<bool> TryCreateAsync(Guid id, string name);""")
        { At = "Task<User?>" },
        new("ACQL0106",
            """[CqlQuery("SELECT id, name FROM users WHERE id = ?")] Task GetAsync(Guid id);""",
            """[CqlQuery("SELECT id, name FROM users WHERE id = ?")] Task<User?> GetAsync(Guid id);""")
        { At = "Task" },
        new("ACQL0107",
            """[CqlQuery("DELETE FROM users WHERE id = ?")] Task<User?> DeleteAsync(Guid id);""",
            """[CqlQuery("DELETE FROM users WHERE id = ?")] Task DeleteAsync(Guid id);""")
        { At = "Task<User?>" },
        new("ACQL0108",
            """[CqlQuery("SELECT id, name FROM users WHERE id = ?", PageSize = 500)] Task<User?> GetAsync(Guid id);""",
            """[CqlQuery("SELECT id, name FROM users WHERE id = ?", PageSize = 500)] IAsyncEnumerable<User> GetAsync(Guid id);""")
        { At = "GetAsync" },
        new("ACQL0109",
            """[CqlQuery("USE reporting")] Task SwitchAsync();""",
            """[CqlQuery("TRUNCATE reporting.daily")] Task SwitchAsync();""")
        { At = "USE reporting" },
        new("ACQL0110",
            """[CqlQuery("UPDATE stats SET views = views + 1 WHERE page = ?", Idempotent = true)] Task CountViewAsync(string page);""",
            """[CqlQuery("UPDATE stats SET last = ? WHERE page = ?", Idempotent = true)] Task CountViewAsync(DateTimeOffset last, string page);""")
        { At = "CountViewAsync" },
        new("ACQL0111",
            """[CqlQuery("INSERT INTO users (id, name) VALUES (?, ?) IF NOT EXISTS USING TIMESTAMP 42")] Task<bool> TryCreateAsync(Guid id, string name);""",
            """[CqlQuery("INSERT INTO users (id, name) VALUES (?, ?) IF NOT EXISTS USING TTL 42")] Task<bool> TryCreateAsync(Guid id, string name);""")
        { At = "TIMESTAMP" },
        new("ACQL0112",
            """[CqlQuery("SELECT id, name FROM users GROUP BY id")] Task<IReadOnlyList<User>> ByIdAsync();""",
            """[CqlQuery("SELECT id, name FROM users GROUP BY id")] Task<IReadOnlyList<User>> ByIdAsync();""")
        { At = "GROUP BY", TargetVersion = "3.0", NearTargetVersion = "3.11" },
        new("ACQL0113",
            """[CqlQuery("SELECT id, name FROM users")] Task<IReadOnlyList<User>> AllAsync();""",
            """[CqlQuery("SELECT id, name FROM users")] Task<IReadOnlyList<User>> AllAsync();""")
        { TargetVersion = "five", NearTargetVersion = "5.0" },
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Raised_at_the_offending_code(DiagnosticCase c) => c.AssertRaised();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Near_case_is_clean(DiagnosticCase c) => c.AssertNearIsClean();

    [Theory]
    [InlineData("\"SELECT id, name WHERE id = ?\"")]
    [InlineData("@\"SELECT id, \"\"name\"\" WHERE id = ?\"")]
    [InlineData("\"\"\"\n        SELECT id, name\n        WHERE id = ?\n        \"\"\"")]
    public void Syntax_errors_point_inside_any_kind_of_literal(string literal)
    {
        var result = DiagnosticCase.Run($"[CqlQuery({literal})] Task<User?> GetAsync(Guid id);", null);
        var diagnostic = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "ACQL0100");
        Assert.Equal("WHERE", DiagnosticCase.LocatedText(result, diagnostic));
    }

    [Fact]
    public void A_const_cql_is_checked_and_errors_point_at_the_argument()
    {
        var result = DiagnosticCase.Run("""
            public partial interface IRepository
            {
                const string Bad = "SELECT id, name WHERE id = ?";

                [CqlQuery(Bad)]
                Task<User?> GetAsync(Guid id);
            }
            """, null);
        var diagnostic = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "ACQL0100");
        Assert.Equal("Bad", DiagnosticCase.LocatedText(result, diagnostic));
    }

    [Fact]
    public void In_marker_needs_a_collection()
    {
        var result = DiagnosticCase.Run("""[CqlQuery("SELECT id, name FROM users WHERE id IN ?")] Task<IReadOnlyList<User>> GetAsync(Guid ids);""", null);
        Assert.Contains("IN ?' takes a collection", Assert.Single(result.GeneratorDiagnostics, d => d.Id == "ACQL0004").GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Limit_and_ttl_markers_are_typed_without_a_schema()
    {
        var result = DiagnosticCase.Run("""[CqlQuery("SELECT id, name FROM users LIMIT ?")] Task<IReadOnlyList<User>> TopAsync(long limit);""", null);
        Assert.Contains("use int", Assert.Single(result.GeneratorDiagnostics, d => d.Id == "ACQL0303").GetMessage(), StringComparison.Ordinal);
    }
}
