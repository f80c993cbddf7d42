using System.Text;

namespace AsyncCassandra.Generators.Benchmarks;

/// <summary>
/// Source text of repositories with many [CqlQuery] methods, in the four shapes users write most (a row by key, a
/// write from parameters, a scalar with a LIMIT marker, a conditional update), each statement distinct.
/// </summary>
internal static class RepositorySources
{
    public const string Schema = """
        CREATE KEYSPACE bench WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1};
        CREATE TABLE bench.users (id uuid PRIMARY KEY, name text, age int, tags set<text>);
        """;

    public const string GlobalUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    /// <summary>An unrelated file of the project, which the incremental benchmark edits.</summary>
    public static string Unrelated(int version) => $$"""
        namespace Bench;

        public static class Clock
        {
            public static int Version => {{version}};
        }
        """;

    /// <summary><paramref name="methods"/> methods in interfaces of <paramref name="perInterface"/> methods each; <paramref name="edit"/> changes method 0's CQL.</summary>
    public static string Repositories(int methods, int perInterface, bool edit = false)
    {
        var text = new StringBuilder();
        text.AppendLine("using AsyncCassandra;");
        text.AppendLine();
        text.AppendLine("namespace Bench;");
        text.AppendLine();
        text.AppendLine("public sealed record User(Guid Id, string Name, int Age);");
        for (var i = 0; i < methods; i++)
        {
            if (i % perInterface == 0)
            {
                text.AppendLine(i == 0 ? string.Empty : "}");
                text.AppendLine($"public partial interface IRepository{i / perInterface}");
                text.AppendLine("{");
            }

            text.AppendLine(Method(i, edit && i == 0));
        }

        text.AppendLine("}");
        return text.ToString();
    }

    private static string Method(int i, bool edited) => (i % 4) switch
    {
        0 => $"""    [CqlQuery("SELECT id, name, age FROM bench.users WHERE id = ?{(edited ? " LIMIT 1" : string.Empty)}")] Task<User?> Get{i}Async(Guid id, CancellationToken cancellationToken = default);""",
        1 => $"""    [CqlQuery("INSERT INTO bench.users (id, name, age) VALUES (?, ?, ?) USING TTL {i}")] Task Insert{i}Async(Guid id, string name, int age);""",
        2 => $"""    [CqlQuery("SELECT name FROM bench.users WHERE id = ? LIMIT ?")] Task<string?> Name{i}Async(Guid id, int limit);""",
        _ => $"""    [CqlQuery("UPDATE bench.users SET age = ? WHERE id = ? IF name = '{i}'")] Task<bool> Age{i}Async(int age, Guid id);""",
    };
}
