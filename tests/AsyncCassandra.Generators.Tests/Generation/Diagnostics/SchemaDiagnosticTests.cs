namespace AsyncCassandra.Generators.Tests.Generation.Diagnostics;

/// <summary>ACQL0300-0399: names and types against schema.cql.</summary>
public class SchemaDiagnosticTests
{
    private const string Schema = """
        CREATE KEYSPACE app WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1};
        CREATE KEYSPACE reporting WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1};
        CREATE TABLE app.users (id uuid PRIMARY KEY, name text);
        CREATE TABLE reporting.daily (day date PRIMARY KEY, visits bigint);
        """;

    public static readonly TheoryData<DiagnosticCase> Cases =
    [
        new("ACQL0300",
            """[CqlQuery("SELECT visits FROM reportng.daily")] Task<IReadOnlyList<long>> VisitsAsync();""",
            """[CqlQuery("SELECT visits FROM reporting.daily")] Task<IReadOnlyList<long>> VisitsAsync();""")
        { At = "reportng", Schema = Schema },
        new("ACQL0301",
            """[CqlQuery("SELECT id, name FROM user WHERE id = ?")] Task<User?> GetAsync(Guid id);""",
            """[CqlQuery("SELECT id, name FROM users WHERE id = ?")] Task<User?> GetAsync(Guid id);""")
        { At = "user", Schema = Schema },
        new("ACQL0302",
            """[CqlQuery("SELECT id, nmae FROM users WHERE id = ?")] Task<User?> GetAsync(Guid id);""",
            """[CqlQuery("SELECT id, name FROM users WHERE id = ?")] Task<User?> GetAsync(Guid id);""")
        { At = "nmae", Schema = Schema },
        new("ACQL0303",
            """[CqlQuery("SELECT id, name FROM users WHERE id = ?")] Task<User?> GetAsync(string id);""",
            """[CqlQuery("SELECT id, name FROM users WHERE id = ?")] Task<User?> GetAsync(Guid id);""")
        { At = "?", Schema = Schema },
        new("ACQL0304",
            """[CqlQuery("SELECT id, name FROM users WHERE id = ?")] Task<User?> GetAsync(Guid id);""",
            """[CqlQuery("SELECT id, name FROM users WHERE id = ?")] Task<User?> GetAsync(Guid id);""")
        {
            Schema = "CREATE TABLE users (id uuid PRIMARY KEY, name text);\nCREATE TABLE broken (id uuid PRIMARY KEY, name txt<int>);",
            NearSchema = "CREATE TABLE users (id uuid PRIMARY KEY, name text);\nCREATE TABLE broken (id uuid PRIMARY KEY, name text);",
        },
        new("ACQL0305",
            """[CqlQuery("SELECT id, name FROM users WHERE id = ?")] Task<User?> GetAsync(Guid id);""",
            """[CqlQuery("SELECT id, name FROM app.users WHERE id = ?")] Task<User?> GetAsync(Guid id);""")
        {
            At = "users",
            Schema = Schema + "\nCREATE TABLE reporting.users (id uuid PRIMARY KEY, name text);",
        },
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Raised_at_the_offending_code(DiagnosticCase c)
    {
        if (c.Id == "ACQL0304")
        {
            var result = DiagnosticCase.Run(c.Raising, c.Schema);
            var diagnostic = Assert.Single(result.GeneratorDiagnostics, d => d.Id == c.Id);
            Assert.Equal("schema.cql", diagnostic.Location.GetLineSpan().Path);
            Assert.Equal(1, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
            return;
        }

        c.AssertRaised();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Near_case_is_clean(DiagnosticCase c) => c.AssertNearIsClean();

    [Fact]
    public void Member_types_are_checked_against_column_types()
    {
        var result = DiagnosticCase.Run("""
            public sealed record Day(DateOnly Day, int Visits);
            public partial interface IRepository { [CqlQuery("SELECT day, visits FROM reporting.daily")] Task<IReadOnlyList<Day>> DaysAsync(); }
            """, Schema);
        var diagnostic = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "ACQL0201");
        Assert.Contains("use long", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Equal("visits", DiagnosticCase.LocatedText(result, diagnostic));
    }

    [Fact]
    public void In_list_elements_and_collection_parameters_are_checked()
    {
        var result = DiagnosticCase.Run("""[CqlQuery("SELECT id, name FROM users WHERE id IN ?")] Task<IReadOnlyList<User>> GetAsync(IEnumerable<string> ids);""", Schema);
        Assert.Contains("List<Guid>", Assert.Single(result.GeneratorDiagnostics, d => d.Id == "ACQL0303").GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Written_and_where_columns_are_checked()
    {
        var result = DiagnosticCase.Run("""[CqlQuery("UPDATE users SET nickname = ? WHERE uid = ?")] Task RenameAsync(string nickname, Guid uid);""", Schema);
        Assert.Equal(["nickname", "uid"], result.GeneratorDiagnostics.Where(d => d.Id == "ACQL0302").Select(d => DiagnosticCase.LocatedText(result, d)));
    }

    [Fact]
    public void Schema_text_columns_carry_enums_as_text()
    {
        var result = DiagnosticCase.Run("""
            public enum Mood { Happy, Sad }
            public partial interface IRepository
            {
                [CqlQuery("UPDATE moods SET mood = ?, level = ? WHERE id = ?")] Task SetAsync(Mood mood, Mood level, Guid id);
            }
            """, "CREATE TABLE moods (id uuid PRIMARY KEY, mood text, level int);");
        Assert.Empty(result.GeneratorDiagnostics);
        var generated = result.Generated("IRepository.g.cs");
        Assert.Contains("Cases_MoodTextCodec.Instance.WriteValue(mood, values);", generated, StringComparison.Ordinal);
        Assert.Contains("Cases_MoodNumberCodec.Instance.WriteValue(level, values);", generated, StringComparison.Ordinal);
    }
}
