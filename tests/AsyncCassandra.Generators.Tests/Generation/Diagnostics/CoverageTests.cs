using AsyncCassandra.Generators.Diagnostics;

namespace AsyncCassandra.Generators.Tests.Generation.Diagnostics;

public class CoverageTests
{
    [Fact]
    public void Every_diagnostic_id_has_a_raising_and_a_near_case()
    {
        IEnumerable<object[]>[] all = [DeclarationDiagnosticTests.Cases, CqlDiagnosticTests.Cases, MappingDiagnosticTests.Cases, SchemaDiagnosticTests.Cases];
        var covered = all.SelectMany(rows => rows)
            .Select(row => ((DiagnosticCase)row[0]).Id)
            .ToList();
        Assert.Equal(DiagnosticDescriptors.All.Select(d => d.Id), covered.Order(StringComparer.Ordinal));
    }
}
