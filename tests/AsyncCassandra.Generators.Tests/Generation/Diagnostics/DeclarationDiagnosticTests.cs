namespace AsyncCassandra.Generators.Tests.Generation.Diagnostics;

/// <summary>ACQL0001-0099: the declaration of repositories and their methods.</summary>
public class DeclarationDiagnosticTests
{
    public static readonly TheoryData<DiagnosticCase> Cases =
    [
        new("ACQL0001",
            """public interface IRepository { [CqlQuery("SELECT id, name FROM users")] Task<IReadOnlyList<User>> AllAsync(); }""",
            """public partial interface IRepository { [CqlQuery("SELECT id, name FROM users")] Task<IReadOnlyList<User>> AllAsync(); }""")
        { At = "IRepository" },
        new("ACQL0002",
            """public static class Data { public partial interface IRepository { [CqlQuery("SELECT id, name FROM users")] Task<IReadOnlyList<User>> AllAsync(); } }""",
            """public static partial class Data { public partial interface IRepository { [CqlQuery("SELECT id, name FROM users")] Task<IReadOnlyList<User>> AllAsync(); } }""")
        { At = "Data" },
        new("ACQL0003",
            """[CqlQuery("SELECT id, name FROM users")] List<User> All();""",
            """[CqlQuery("SELECT id, name FROM users")] Task<IReadOnlyList<User>> All();""")
        { At = "List<User>" },
        new("ACQL0004",
            """[CqlQuery("SELECT id, name FROM users WHERE id = ?")] Task<User?> GetAsync(object id);""",
            """[CqlQuery("SELECT id, name FROM users WHERE id = ?")] Task<User?> GetAsync(Guid id);""")
        { At = "object id" },
        new("ACQL0005",
            """[CqlQuery(" ")] Task<User?> GetAsync(Guid id);""",
            """[CqlQuery("SELECT id, name FROM users WHERE id = ?")] Task<User?> GetAsync(Guid id);""")
        { At = "\" \"" },
        new("ACQL0006",
            """public class Store { [CqlQuery("SELECT id, name FROM users")] public Task<IReadOnlyList<User>> AllAsync() => throw null!; }""",
            """public partial interface IStore { [CqlQuery("SELECT id, name FROM users")] Task<IReadOnlyList<User>> AllAsync(); }""")
        { At = "AllAsync" },
        new("ACQL0007",
            """[CqlQuery("SELECT id, name FROM users")] Task<IReadOnlyList<T>> AllAsync<T>();""",
            """[CqlQuery("SELECT id, name FROM users")] Task<IReadOnlyList<User>> AllAsync();""")
        { At = "AllAsync" },
        new("ACQL0008",
            """[CqlQuery("SELECT count(*) FROM users")] Task<long> CountAsync() => Task.FromResult(0L);""",
            """[CqlQuery("SELECT count(*) FROM users")] Task<long> CountAsync();""")
        { At = "CountAsync" },
        new("ACQL0009",
            """[CqlQuery("SELECT id, name FROM users WHERE id = ?")] Task<User?> GetAsync(Guid id, CancellationToken a, CancellationToken b);""",
            """[CqlQuery("SELECT id, name FROM users WHERE id = ?")] Task<User?> GetAsync(Guid id, CancellationToken a);""")
        { At = "CancellationToken b" },
        new("ACQL0010",
            """[CqlQuery("SELECT id, name FROM users", PageSize = 0)] IAsyncEnumerable<User> StreamAsync();""",
            """[CqlQuery("SELECT id, name FROM users", PageSize = 10)] IAsyncEnumerable<User> StreamAsync();""")
        { At = "PageSize = 0" },
        new("ACQL0011",
            """[CqlQuery("SELECT id, name FROM users", PageSize = 100)] Task<CqlPage<User>> PageAsync(CancellationToken ct = default);""",
            """[CqlQuery("SELECT id, name FROM users", PageSize = 100)] Task<CqlPage<User>> PageAsync(byte[]? pagingState, CancellationToken ct = default);""")
        { At = "PageAsync" },
        new("ACQL0012",
            """[CqlQuery("SELECT count(*) FROM users")] Task<long> CountAsync(); Task<int> OtherAsync();""",
            """[CqlQuery("SELECT count(*) FROM users")] Task<long> CountAsync(); Task<int> OtherAsync() => Task.FromResult(1);""")
        { At = "OtherAsync" },
        new("ACQL0013",
            """public partial interface IRepository<T> { [CqlQuery("SELECT count(*) FROM users")] Task<long> CountAsync(); }""",
            """public partial interface IRepository { [CqlQuery("SELECT count(*) FROM users")] Task<long> CountAsync(); }""")
        { At = "IRepository" },
        new("ACQL0014",
            """[CqlQuery("INSERT INTO users (id, name) VALUES (?, ?) IF NOT EXISTS", SerialConsistency = ConsistencyLevel.Quorum)] Task<bool> CreateAsync(Guid id, string name);""",
            """[CqlQuery("INSERT INTO users (id, name) VALUES (?, ?) IF NOT EXISTS", SerialConsistency = ConsistencyLevel.LocalSerial)] Task<bool> CreateAsync(Guid id, string name);""")
        { At = "SerialConsistency = ConsistencyLevel.Quorum" },
        new("ACQL0015",
            """public partial class Data { private partial interface IRepository { [CqlQuery("SELECT count(*) FROM users")] Task<long> CountAsync(); } }""",
            """public partial class Data { internal partial interface IRepository { [CqlQuery("SELECT count(*) FROM users")] Task<long> CountAsync(); } }""")
        { At = "IRepository" },
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Raised_at_the_offending_code(DiagnosticCase c) => c.AssertRaised();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Near_case_is_clean(DiagnosticCase c) => c.AssertNearIsClean();

    [Fact]
    public void Ref_and_out_parameters_are_unsupported()
    {
        var result = DiagnosticCase.Run("""[CqlQuery("SELECT id, name FROM users WHERE id = ?")] Task<User?> GetAsync(ref Guid id);""", null);
        var diagnostic = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "ACQL0004");
        Assert.Contains("'ref' parameters cannot be bound", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Members_inherited_from_another_interface_are_reported()
    {
        var result = DiagnosticCase.Run("""
            public interface IBase { Task PingAsync(); }
            public partial interface IRepository : IBase { [CqlQuery("SELECT count(*) FROM users")] Task<long> CountAsync(); }
            """, null);
        var diagnostic = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "ACQL0012");
        Assert.Contains("declared in 'IBase'", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(result.CompilationDiagnostics.Where(d => !d.Id.StartsWith("ACQL", StringComparison.Ordinal)).Select(d => d.ToString()));
    }
}
