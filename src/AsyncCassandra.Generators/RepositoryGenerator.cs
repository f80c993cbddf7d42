using AsyncCassandra.Generators.Analysis;
using AsyncCassandra.Generators.Common;
using AsyncCassandra.Generators.Diagnostics;
using AsyncCassandra.Generators.Emitting;
using AsyncCassandra.Generators.Model;
using AsyncCassandra.Generators.Parsing;
using Microsoft.CodeAnalysis;

namespace AsyncCassandra.Generators;

/// <summary>
/// Implements partial interfaces whose methods carry [CqlQuery]. The pipeline only wires the steps, one per
/// interface: read the interface and its methods in one pass (<see cref="InterfaceTargetParser"/>), check them
/// against the schema (<see cref="InterfaceAnalyzer"/>), and emit from the models alone (<see cref="RepositoryEmitter"/>,
/// <see cref="RegistrationEmitter"/>). Each step's output is an equatable model, so an edit reruns only what it changed.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class RepositoryGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var misplaced = context.SyntaxProvider
            .ForAttributeWithMetadataName(KnownTypes.CqlQueryAttribute, MisplacedQueryParser.IsCandidate, MisplacedQueryParser.Parse)
            .WithTrackingName(TrackingNames.MisplacedMethods);
        context.RegisterSourceOutput(misplaced, static (output, diagnostic) =>
        {
            if (diagnostic is not null)
            {
                output.ReportDiagnostic(DiagnosticFactory.ToDiagnostic(diagnostic));
            }
        });

        var interfaces = context.SyntaxProvider
            .CreateSyntaxProvider(InterfaceTargetParser.IsCandidate, InterfaceTargetParser.Parse)
            .Where(static target => target is not null)
            .Select(static (target, _) => target!)
            .WithTrackingName(TrackingNames.Interfaces);

        var schema = context.AdditionalTextsProvider
            .Where(static file => SchemaInput.IsSchemaFile(file.Path))
            .Select(static (file, cancellationToken) => SchemaInput.Read(file, cancellationToken))
            .WithTrackingName(TrackingNames.SchemaFiles)
            .Collect()
            .Select(static (files, _) => SchemaInput.Merge(files))
            .WithTrackingName(TrackingNames.Schema);

        var options = context.AnalyzerConfigOptionsProvider
            .Select(static (provider, _) => OptionsReader.Read(provider.GlobalOptions))
            .WithTrackingName(TrackingNames.Options);
        context.RegisterSourceOutput(options.Select(static (o, _) => o.Diagnostics), static (output, diagnostics) => Report(output, diagnostics));

        var results = interfaces
            .Combine(schema)
            .Combine(options)
            .Select(static (pair, cancellationToken) => InterfaceAnalyzer.Analyze(pair.Left.Left, pair.Left.Right, pair.Right, cancellationToken))
            .WithTrackingName(TrackingNames.Analysis);

        context.RegisterSourceOutput(
            results.Select(static (result, _) => result.Diagnostics).WithTrackingName(TrackingNames.Diagnostics),
            static (output, diagnostics) => Report(output, diagnostics));
        context.RegisterSourceOutput(
            schema.Select(static (input, _) => input.Diagnostics),
            static (output, diagnostics) => Report(output, diagnostics));

        var repositories = results
            .Where(static result => result.Repository is not null)
            .Select(static (result, _) => result.Repository!)
            .WithTrackingName(TrackingNames.Repositories);
        context.RegisterSourceOutput(repositories, static (output, repository) =>
            output.AddSource(repository.HintName, RepositoryEmitter.Emit(repository)));

        var registrations = repositories
            .Select(static (repository, _) => repository.Interface.FullName)
            .Collect()
            .Select(static (names, _) => names.OrderBy(n => n, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(TrackingNames.Registrations);
        var assemblyName = context.CompilationProvider
            .Select(static (compilation, _) => compilation.AssemblyName)
            .WithTrackingName(TrackingNames.AssemblyName);
        context.RegisterSourceOutput(registrations.Combine(assemblyName), static (output, pair) =>
        {
            if (pair.Left.Count > 0)
            {
                output.AddSource(RegistrationEmitter.HintName, RegistrationEmitter.Emit(pair.Left, pair.Right));
            }
        });
    }

    private static void Report(SourceProductionContext output, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            output.ReportDiagnostic(DiagnosticFactory.ToDiagnostic(diagnostic));
        }
    }
}
