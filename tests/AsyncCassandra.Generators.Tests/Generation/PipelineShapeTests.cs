using System.Reflection;
using System.Text.RegularExpressions;
using AsyncCassandra.Generators.Cql;
using Microsoft.CodeAnalysis;

namespace AsyncCassandra.Generators.Tests.Generation;

/// <summary>The pipeline's shape: one step per interface, models free of Roslyn, CQL lexed once, readers shared, the version from the assembly.</summary>
public class PipelineShapeTests
{
    private static readonly Assembly Generator = typeof(RepositoryGenerator).Assembly;

    [Fact]
    public void Model_types_hold_no_Roslyn_types()
    {
        var models = Generator.GetTypes().Where(t => t.Namespace == "AsyncCassandra.Generators.Model").ToList();
        Assert.NotEmpty(models);

        var offending = models
            .SelectMany(t => UsedTypes(t).Where(IsRoslyn).Select(u => $"{t.Name} uses {u.FullName}"))
            .Distinct()
            .ToList();

        Assert.Empty(offending);
    }

    [Fact]
    public void Models_between_steps_compare_by_value()
    {
        var classes = Generator.GetTypes()
            .Where(t => t.Namespace == "AsyncCassandra.Generators.Model" && t.IsClass && !t.IsNested && !(t.IsSealed && t.IsAbstract))
            .ToList();
        Assert.NotEmpty(classes);

        // Every (non-static) class of Model/ is a record: value equality is what lets the pipeline cache a step.
        Assert.Empty(classes.Where(t => t.GetMethod("<Clone>$") is null).Select(t => t.Name));
    }

    [Fact]
    public void An_interface_is_read_in_one_step_whatever_its_method_count()
    {
        var compilation = GeneratorHarness.CreateCompilation(Sources.Users, Sources.Nested);

        var run = GeneratorHarness.CreateDriver().RunGenerators(compilation).GetRunResult().Results.Single();

        // Two interfaces (7 and 5 [CqlQuery] methods): two outputs of the interface step, two analyses.
        Assert.Equal(2, run.TrackedSteps[TrackingNames.Interfaces].SelectMany(s => s.Outputs).Count());
        Assert.Equal(2, run.TrackedSteps[TrackingNames.Analysis].SelectMany(s => s.Outputs).Count());
    }

    [Fact]
    public void A_partial_interface_split_over_files_is_read_once_and_emitted_once()
    {
        const string First = """
            using AsyncCassandra;
            namespace Split;
            public sealed record User(Guid Id, string Name);
            public partial interface IUsers
            {
                [CqlQuery("SELECT id, name FROM users WHERE id = ?")]
                Task<User?> GetAsync(Guid id);
            }
            """;
        const string Second = """
            using AsyncCassandra;
            namespace Split;
            public partial interface IUsers
            {
                [CqlQuery("DELETE FROM users WHERE id = ?")]
                Task DeleteAsync(Guid id);
            }
            """;
        var compilation = GeneratorHarness.CreateCompilation(First, Second);
        var driver = GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);

        var result = driver.GetRunResult().Results.Single();
        var generated = Assert.Single(result.GeneratedSources, s => s.HintName.Contains("IUsers", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains("IUsers.GetAsync(", generated, StringComparison.Ordinal);
        Assert.Contains("IUsers.DeleteAsync(", generated, StringComparison.Ordinal);
        Assert.Empty(result.Diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void The_statement_keeps_the_tokens_of_its_one_lex()
    {
        const string Cql = "SELECT id, name FROM users WHERE id = ? -- by id\n";

        var statement = CqlParser.Parse(Cql);

        Assert.Equal(CqlLexer.Tokenize(Cql).Tokens, statement.Tokens);
        Assert.Equal(CqlTokenKind.EndOfText, statement.Tokens[statement.Tokens.Count - 1].Kind);
    }

    [Fact]
    public void Methods_reading_the_same_rows_share_one_reader()
    {
        var generated = GeneratorHarness.Run(Sources.Users).Generated("IUserRepository.g.cs");

        // GetAsync, StreamAllAsync, GetManyAsync and PageAsync read the same four columns into User; CountAsync a long.
        var readers = Regex.Matches(generated, @"private sealed class (\w+Reader)\b").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["GetAsyncReader", "CountAsyncReader"], readers);
        Assert.Equal(4, Regex.Matches(generated, @"static columns => new GetAsyncReader\(columns\)").Count);
    }

    [Fact]
    public void Scalar_readers_are_shared_but_name_their_method_in_errors()
    {
        var generated = GeneratorHarness.Run("""
            using AsyncCassandra;
            namespace Scalars;
            public partial interface INames
            {
                [CqlQuery("SELECT name FROM users WHERE id = ?")] Task<string?> FirstAsync(Guid id);
                [CqlQuery("SELECT name FROM users WHERE id = ?")] Task<string?> SecondAsync(Guid id);
            }
            """).Generated("INames.g.cs");

        Assert.Single(Regex.Matches(generated, @"private sealed class \w+Reader\b"));
        Assert.Contains("new FirstAsyncReader(columns, \"the result of INames.FirstAsync\")", generated, StringComparison.Ordinal);
        Assert.Contains("new FirstAsyncReader(columns, \"the result of INames.SecondAsync\")", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void The_generated_code_version_is_the_generator_assembly_version()
    {
        var informational = Generator.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        var version = informational.Split('+')[0];

        var generated = GeneratorHarness.Run(Sources.Users).Generated("IUserRepository.g.cs");

        Assert.Contains($"GeneratedCode(\"AsyncCassandra.Generators\", \"{version}\")", generated, StringComparison.Ordinal);
        Assert.Equal(Generator.GetName().Version!.ToString(3), version);
    }

    private static bool IsRoslyn(Type type) => type.Assembly.GetName().Name!.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal);

    // Every type a model type's fields, properties, constructors and methods mention, generic arguments included.
    private static IEnumerable<Type> UsedTypes(Type model)
    {
        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var direct = model.GetFields(All).Select(f => f.FieldType)
            .Concat(model.GetProperties(All).Select(p => p.PropertyType))
            .Concat(model.GetConstructors(All).SelectMany(c => c.GetParameters()).Select(p => p.ParameterType))
            .Concat(model.GetMethods(All).SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType)));
        return direct.SelectMany(Expand);
    }

    private static IEnumerable<Type> Expand(Type type)
    {
        yield return type;
        if (type.HasElementType)
        {
            foreach (var inner in Expand(type.GetElementType()!))
            {
                yield return inner;
            }
        }

        if (type.IsGenericType)
        {
            foreach (var inner in type.GetGenericArguments().SelectMany(Expand))
            {
                yield return inner;
            }
        }
    }
}
