namespace AsyncCassandra.Generators.Tests.Generation;

/// <summary>The generated source of representative repositories, against reviewed files in Snapshots/.</summary>
public class SnapshotTests
{
    [Fact]
    public void Api_example_repository() =>
        Snapshot.Verify("Users", GeneratorHarness.Run(Sources.Users).Generated("IUserRepository.g.cs"));

    [Fact]
    public void Every_type_with_schema() =>
        Snapshot.Verify("AllTypes.Schema", GeneratorHarness.Run(Sources.AllTypes, Sources.AllTypesSchema).Generated("IEverythingRepository.g.cs"));

    [Fact]
    public void Every_type_without_schema() =>
        Snapshot.Verify("AllTypes.NoSchema", GeneratorHarness.Run(Sources.AllTypes).Generated("IEverythingRepository.g.cs"));

    [Fact]
    public void Nested_interface_with_faulted_methods_and_stubs() =>
        Snapshot.Verify("Nested", GeneratorHarness.Run(Sources.Nested).Generated("ICounterRepository.g.cs"));

    [Fact]
    public void Dependency_injection_registration() =>
        Snapshot.Verify("Registration", GeneratorHarness.Run(Sources.Users + "\n" + Sources.Nested.Replace("namespace Outer.Space;", "namespace Outer.Space {", StringComparison.Ordinal) + "}")
            .Generated("Registration.g.cs"));
}
