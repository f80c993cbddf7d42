using AsyncCassandra.Generators.Common;

namespace AsyncCassandra.Generators.Model;

/// <summary>One repository interface to implement: the unit of emitted source.</summary>
internal sealed record RepositoryModel(InterfaceModel Interface, EquatableArray<MethodModel> Methods, EquatableArray<TypeDefinition> Definitions)
{
    /// <summary>The generated file's name.</summary>
    public string HintName => Naming.Identifier(Interface.FullName.Replace("global::", string.Empty)) + ".g.cs";
}
