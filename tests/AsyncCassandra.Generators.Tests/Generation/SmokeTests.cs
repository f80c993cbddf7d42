namespace AsyncCassandra.Generators.Tests.Generation;

public class SmokeTests
{
    [Fact]
    public void Api_example_generates()
    {
        const string source = """
            using AsyncCassandra;
            namespace MyApp;

            [CqlTable("users")]
            public sealed record User(System.Guid Id, string Name, string? Email, System.DateTimeOffset CreatedAt);

            public partial interface IUserRepository
            {
                [CqlQuery("SELECT id, name, email, created_at FROM users WHERE id = ?")]
                Task<User?> GetAsync(System.Guid id, CancellationToken ct = default);

                [CqlQuery("SELECT id, name, email, created_at FROM users")]
                IAsyncEnumerable<User> StreamAllAsync(CancellationToken ct = default);

                [CqlQuery("SELECT id, name, email, created_at FROM users WHERE id IN ?")]
                Task<IReadOnlyList<User>> GetManyAsync(IEnumerable<System.Guid> ids, CancellationToken ct = default);

                [CqlQuery("SELECT count(*) FROM users")]
                Task<long> CountAsync(CancellationToken ct = default);

                [CqlQuery("INSERT INTO users (id, name, email, created_at) VALUES (:id, :name, :email, :created_at)", Idempotent = true)]
                Task InsertAsync(User user, CancellationToken ct = default);

                [CqlQuery("INSERT INTO users (id, name) VALUES (?, ?) IF NOT EXISTS")]
                Task<bool> TryCreateAsync(System.Guid id, string name, CancellationToken ct = default);

                [CqlQuery("SELECT id, name, email, created_at FROM users", PageSize = 100)]
                Task<CqlPage<User>> PageAsync(byte[]? pagingState, CancellationToken ct = default);
            }
            """;
        var result = GeneratorHarness.Run(source);
        foreach (var (name, text) in result.AllGenerated)
        {
            Console.WriteLine("==== " + name);
            Console.WriteLine(text);
        }

        Assert.Empty(result.GeneratorDiagnostics.Select(d => d.ToString()));
        Assert.Empty(result.CompilationDiagnostics.Select(d => d.ToString()));
    }
}
