using System.Collections.Immutable;
using AsyncCassandra.Generators.Common;
using AsyncCassandra.Generators.Diagnostics;
using AsyncCassandra.Generators.Model;
using AsyncCassandra.Generators.Schema;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AsyncCassandra.Generators.Analysis;

/// <summary>One schema file, read.</summary>
internal sealed record SchemaFile(CqlSchema Schema, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>
/// The project's schema: every AdditionalFiles item named <c>schema.cql</c> (or <c>*.schema.cql</c>), merged; null when
/// there is none, and then nothing is checked against a schema.
/// </summary>
internal sealed record SchemaInput(CqlSchema? Schema, EquatableArray<DiagnosticInfo> Diagnostics)
{
    public static readonly SchemaInput None = new(null, EquatableArray<DiagnosticInfo>.Empty);

    public static bool IsSchemaFile(string path)
    {
        var name = Path.GetFileName(path);
        return string.Equals(name, "schema.cql", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".schema.cql", StringComparison.OrdinalIgnoreCase);
    }

    public static SchemaFile Read(AdditionalText file, CancellationToken cancellationToken)
    {
        var text = file.GetText(cancellationToken);
        var name = Path.GetFileName(file.Path);
        if (text is null)
        {
            return new SchemaFile(
                CqlSchema.Empty,
                EquatableArray.Create(DiagnosticFactory.Create(DiagnosticDescriptors.SchemaSyntaxError, null, name, "the file cannot be read")));
        }

        var schema = SchemaParser.Parse(text.ToString());
        var diagnostics = schema.Errors.Select(error =>
        {
            var start = Math.Min(Math.Max(error.Offset, 0), text.Length);
            var span = new TextSpan(start, Math.Min(Math.Max(error.Length, 0), text.Length - start));
            var lines = text.Lines.GetLinePositionSpan(span);
            var location = new LocationInfo(file.Path, span.Start, span.Length, lines.Start.Line, lines.Start.Character, lines.End.Line, lines.End.Character);
            return DiagnosticFactory.Create(DiagnosticDescriptors.SchemaSyntaxError, location, name, error.Message);
        });
        return new SchemaFile(schema, diagnostics.ToEquatableArray());
    }

    public static SchemaInput Merge(ImmutableArray<SchemaFile> files)
    {
        if (files.IsDefaultOrEmpty)
        {
            return None;
        }

        var keyspaces = new List<KeyspaceSchema>();
        foreach (var keyspace in files.SelectMany(f => f.Schema.Keyspaces))
        {
            var index = keyspaces.FindIndex(k => k.Name == keyspace.Name);
            if (index < 0)
            {
                keyspaces.Add(keyspace);
            }
            else
            {
                var existing = keyspaces[index];
                keyspaces[index] = existing with
                {
                    Tables = existing.Tables.Concat(keyspace.Tables).ToEquatableArray(),
                    Types = existing.Types.Concat(keyspace.Types).ToEquatableArray(),
                };
            }
        }

        return new SchemaInput(
            new CqlSchema(keyspaces.ToEquatableArray(), EquatableArray<Cql.CqlSyntaxError>.Empty),
            files.SelectMany(f => f.Diagnostics).ToEquatableArray());
    }
}
