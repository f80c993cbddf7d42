using AsyncCassandra.Generators.Tests.Generation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AsyncCassandra.Generators.Tests.Shapes;

/// <summary>
/// Shapes the generated code cannot serve get one catalogued diagnostic that says what to change, and nothing else
/// (no compiler error from half-generated code); shapes that span assemblies compile.
/// </summary>
public class UnsupportedShapeTests
{
    [Theory]
    [InlineData("file partial interface IRepository", "is file-local")]
    [InlineData("public partial class Holder { private partial interface IRepository", "is private")]
    [InlineData("public partial class Holder { protected partial interface IRepository", "is protected")]
    [InlineData("public partial class Holder { private protected partial interface IRepository", "is private protected")]
    [InlineData("public partial class Holder { private partial class Inner { public partial interface IRepository", "is nested in 'Inner', which is private")]
    public void An_interface_the_generated_implementation_cannot_reach_gets_ACQL0015_alone(string declaration, string reason)
    {
        var closing = new string('}', declaration.Count(c => c == '{'));
        var source = $$"""
            using AsyncCassandra;

            namespace Shapes.Unreachable;

            {{declaration}}
            {
                [CqlQuery("SELECT name FROM users WHERE id = ?")]
                Task<string> NameAsync(Guid id);
            }
            {{closing}}
            """;

        var (run, output) = CSharpShapeTests.Compile([source], NullableContextOptions.Enable, LanguageVersion.Latest);

        var diagnostic = Assert.Single(run.Diagnostics.Concat(output.GetDiagnostics()), d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.Equal("ACQL0015", diagnostic.Id);
        Assert.Contains(reason, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal("IRepository", output.SyntaxTrees.First().ToString().Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Empty(run.GeneratedTrees);
    }

    [Fact]
    public void An_inherited_query_method_gets_ACQL0012_and_no_compiler_warning()
    {
        const string source = """
            using AsyncCassandra;

            namespace Shapes.Inherited;

            public partial interface IBase
            {
                [CqlQuery("SELECT name FROM users WHERE id = ?")]
                Task<string> NameAsync(Guid id);
            }

            public partial interface IDerived : IBase
            {
                [CqlQuery("SELECT count(*) FROM users")]
                Task<long> CountAsync();
            }
            """;

        var (run, output) = CSharpShapeTests.Compile([source], NullableContextOptions.Enable, LanguageVersion.Latest);

        var diagnostic = Assert.Single(run.Diagnostics.Concat(output.GetDiagnostics()), d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.Equal("ACQL0012", diagnostic.Id);
    }

    // An application and its test project both declare repositories, and the application's internals are visible to
    // the tests: each calls AddCassandraRepositories() and gets its own.
    [Fact]
    public void Two_assemblies_that_see_each_others_internals_each_register_their_own_repositories()
    {
        const string app = """
            using AsyncCassandra;

            [assembly: System.Runtime.CompilerServices.InternalsVisibleTo("App.Tests")]

            namespace App;

            public partial interface IUserRepository
            {
                [CqlQuery("SELECT name FROM users WHERE id = ?")]
                Task<string?> NameAsync(Guid id);
            }

            public static class Startup
            {
                public static AsyncCassandraBuilder Register(AsyncCassandraBuilder builder) => builder.AddCassandraRepositories();
            }
            """;
        const string tests = """
            using AsyncCassandra;

            namespace App.Tests;

            internal partial interface IProbeRepository
            {
                [CqlQuery("SELECT release_version FROM system.local")]
                Task<string?> VersionAsync();
            }

            public static class Fixture
            {
                public static AsyncCassandraBuilder Register(AsyncCassandraBuilder builder) => App.Startup.Register(builder).AddCassandraRepositories();
            }
            """;

        var (appRun, appOutput) = CSharpShapeTests.Compile([app], NullableContextOptions.Enable, LanguageVersion.Latest, "App");
        Assert.DoesNotContain(appRun.Diagnostics.Concat(appOutput.GetDiagnostics()), d => d.Severity >= DiagnosticSeverity.Warning);
        using var image = new MemoryStream();
        Assert.True(appOutput.Emit(image).Success);

        var (run, output) = CSharpShapeTests.Compile([tests], NullableContextOptions.Enable, LanguageVersion.Latest, "App.Tests", [MetadataReference.CreateFromImage(image.ToArray())]);

        var problems = run.Diagnostics.Concat(output.GetDiagnostics()).Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString());
        Assert.Empty(problems);
        var registration = run.Results.Single().GeneratedSources.Single(s => s.HintName.EndsWith("Registration.g.cs", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains("global::App.Tests.IProbeRepository", registration, StringComparison.Ordinal);
        Assert.DoesNotContain("global::App.IUserRepository", registration, StringComparison.Ordinal);
    }
}
