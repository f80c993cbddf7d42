namespace AsyncCassandra.Generators.Tests.Generation;

public class DumpTests
{
    [Fact]
    public void Dump()
    {
        var result = GeneratorHarness.Run(Sources.AllTypes, Sources.AllTypesSchema);
        File.WriteAllText("/tmp/alltypes.g.cs", result.Generated("IEverythingRepository.g.cs"));
        var nested = GeneratorHarness.Run(Sources.Nested);
        File.WriteAllText("/tmp/nested.g.cs", nested.Generated("ICounterRepository.g.cs"));
    }
}
