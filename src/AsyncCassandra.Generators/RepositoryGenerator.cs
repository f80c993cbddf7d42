using System.Collections.Immutable;
using AsyncCassandra.Generators.Analysis;
using AsyncCassandra.Generators.Common;
using AsyncCassandra.Generators.Emitting;
using AsyncCassandra.Generators.Model;
using AsyncCassandra.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncCassandra.Generators;

/// <summary>
/// Implements partial interfaces whose methods carry [CqlQuery]. The pipeline only wires the steps: read each method
/// (<see cref="MethodTargetParser"/>), check it against the schema (<see cref="MethodAnalyzer"/>), group methods by
/// interface, and emit from the models alone (<see cref="RepositoryEmitter"/>, <see cref="RegistrationEmitter"/>).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class RepositoryGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var targets = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownTypes.CqlQueryAttribute,
                static (node, _) => node is MethodDeclarationSyntax,
                static (syntax, cancellationToken) => MethodTargetParser.Parse(syntax, cancellationToken))
            .WithTrackingName(TrackingNames.Methods);

        var schema = context.AdditionalTextsProvider
            .Where(static file => SchemaInput.IsSchemaFile(file.Path))
            .Select(static (file, cancellationToken) => SchemaInput.Read(file, cancellationToken))
            .WithTrackingName(TrackingNames.SchemaFiles)
            .Collect()
            .Select(static (files, _) => SchemaInput.Merge(files))
            .WithTrackingName(TrackingNames.Schema);

        var results = targets
            .Combine(schema)
            .Select(static (pair, cancellationToken) => MethodAnalyzer.Analyze(pair.Left, pair.Right, cancellationToken))
            .WithTrackingName(TrackingNames.Analysis);

        context.RegisterSourceOutput(
            results.Select(static (result, _) => result.Diagnostics).WithTrackingName(TrackingNames.Diagnostics),
            static (output, diagnostics) => Report(output, diagnostics));
        context.RegisterSourceOutput(
            schema.Select(static (input, _) => input.Diagnostics),
            static (output, diagnostics) => Report(output, diagnostics));

        var repositories = results
            .Collect()
            .SelectMany(static (all, _) => Group(all))
            .WithTrackingName(TrackingNames.Repositories);
        context.RegisterSourceOutput(repositories, static (output, repository) =>
            output.AddSource(repository.HintName, RepositoryEmitter.Emit(repository)));

        var registrations = repositories
            .Where(static repository => repository.Interface.IsAccessible)
            .Select(static (repository, _) => repository.Interface.FullName)
            .Collect()
            .Select(static (names, _) => names.OrderBy(n => n, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(TrackingNames.Registrations);
        context.RegisterSourceOutput(registrations, static (output, names) =>
        {
            if (names.Count > 0)
            {
                output.AddSource(RegistrationEmitter.HintName, RegistrationEmitter.Emit(names));
            }
        });
    }

    private static void Report(SourceProductionContext output, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            output.ReportDiagnostic(diagnostic.ToDiagnostic());
        }
    }

    // One model per interface that can be emitted, its methods in declaration order.
    private static ImmutableArray<RepositoryModel> Group(ImmutableArray<MethodResult> results) =>
        results
            .Where(r => r.Interface is { CanEmit: true } && r.Method is not null)
            .GroupBy(r => r.Interface!.FullName, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new RepositoryModel(
                g.First().Interface!,
                g.Select(r => r.Method!).OrderBy(m => m.Ordinal).ToEquatableArray(),
                g.SelectMany(r => r.Definitions).GroupBy(d => d.Key, StringComparer.Ordinal).Select(d => d.First()).OrderBy(d => d.Key, StringComparer.Ordinal).ToEquatableArray()))
            .ToImmutableArray();
}
