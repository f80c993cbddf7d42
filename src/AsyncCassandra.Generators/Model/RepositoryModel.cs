using AsyncCassandra.Generators.Common;

namespace AsyncCassandra.Generators.Model;

/// <summary>One repository interface to implement: the unit of emitted source.</summary>
/// <param name="Interface">The interface.</param>
/// <param name="Methods">Its [CqlQuery] methods, in declaration order.</param>
/// <param name="Readers">The row readers, each shared by the methods whose <see cref="MethodModel.Reader"/> names it.</param>
/// <param name="Definitions">The enums and user-defined types the codecs need.</param>
internal sealed record RepositoryModel(InterfaceModel Interface, EquatableArray<MethodModel> Methods, EquatableArray<ReaderModel> Readers, EquatableArray<TypeDefinition> Definitions)
{
    /// <summary>The generated file's name.</summary>
    public string HintName => Naming.Identifier(Interface.FullName.Replace("global::", string.Empty)) + ".g.cs";
}
