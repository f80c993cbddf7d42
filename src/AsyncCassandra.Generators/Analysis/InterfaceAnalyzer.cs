using AsyncCassandra.Generators.Common;
using AsyncCassandra.Generators.Model;

namespace AsyncCassandra.Generators.Analysis;

/// <summary>
/// The second pipeline step: checks each method of one interface (<see cref="MethodAnalyzer"/>) against the schema,
/// and assembles the repository to emit: its methods in order, the row readers they share (identical reader models
/// become one class) and the type definitions their codecs need.
/// </summary>
internal static class InterfaceAnalyzer
{
    public static InterfaceResult Analyze(InterfaceTarget target, SchemaInput schema, GeneratorOptions options, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>(target.Diagnostics);
        var methods = new List<MethodModel>(target.Methods.Count);
        var definitions = new Dictionary<string, TypeDefinition>(StringComparer.Ordinal);
        var readers = new Dictionary<(string ReturnType, ResultModel Result), ReaderModel>();
        var readerOrder = new List<ReaderModel>();
        foreach (var methodTarget in target.Methods)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (method, methodDefinitions, methodDiagnostics) = MethodAnalyzer.Analyze(methodTarget, target.Interface, schema, options, cancellationToken);
            diagnostics.AddRange(methodDiagnostics);
            foreach (var definition in methodDefinitions)
            {
                if (!definitions.ContainsKey(definition.Key))
                {
                    definitions.Add(definition.Key, definition);
                }
            }

            if (method.Result is { } result)
            {
                var returnType = result.Entity?.TypeName ?? method.ElementTypeName!;
                if (!readers.TryGetValue((returnType, result), out var reader))
                {
                    reader = new ReaderModel(method.MemberName + "Reader", returnType, result);
                    readers.Add((returnType, result), reader);
                    readerOrder.Add(reader);
                }

                method = method with { Reader = reader.Name };
            }

            methods.Add(method);
        }

        var repository = target.Interface.CanEmit
            ? new RepositoryModel(
                target.Interface,
                methods.ToEquatableArray(),
                readerOrder.ToEquatableArray(),
                definitions.Values.OrderBy(d => d.Key, StringComparer.Ordinal).ToEquatableArray())
            : null;
        return new InterfaceResult(repository, diagnostics.ToEquatableArray());
    }
}
