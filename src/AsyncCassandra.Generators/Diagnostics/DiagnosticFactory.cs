using AsyncCassandra.Generators.Common;
using AsyncCassandra.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AsyncCassandra.Generators.Diagnostics;

/// <summary>Between the catalogue's descriptors and the models' plain <see cref="DiagnosticInfo"/>, both ways.</summary>
internal static class DiagnosticFactory
{
    private static readonly Dictionary<string, DiagnosticDescriptor> ById = DiagnosticDescriptors.All.ToDictionary(d => d.Id, StringComparer.Ordinal);

    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
        new(descriptor.Id, descriptor.DefaultSeverity == DiagnosticSeverity.Error, location, EquatableArray.Create(arguments));

    public static Diagnostic ToDiagnostic(DiagnosticInfo info) =>
        Diagnostic.Create(ById[info.Id], ToLocation(info.Location), info.Arguments.Select(a => (object)a).ToArray());

    public static Location ToLocation(LocationInfo? location) => location is null
        ? Location.None
        : Location.Create(
            location.FilePath,
            new TextSpan(location.Start, location.Length),
            new LinePositionSpan(new LinePosition(location.StartLine, location.StartColumn), new LinePosition(location.EndLine, location.EndColumn)));
}
