using AsyncCassandra.Generators.Common;
using AsyncCassandra.Generators.Cql;
using AsyncCassandra.Generators.Diagnostics;
using AsyncCassandra.Generators.Model;
using AsyncCassandra.Generators.Schema;

namespace AsyncCassandra.Generators.Analysis;

/// <summary>
/// The second pipeline step: checks one method's CQL against its signature and, when there is one, the schema;
/// binds markers to parameters and columns to members; and produces the <see cref="MethodModel"/> the emitter writes
/// with the diagnostics to report.
/// </summary>
internal sealed partial class MethodAnalyzer
{
    private readonly MethodTarget _target;
    private readonly CqlStatement _statement;
    private readonly CqlSchema? _schema;
    private readonly CqlTextLocator _locator;
    private readonly List<DiagnosticInfo> _diagnostics = [];
    private readonly Dictionary<string, TypeDefinition> _definitions;
    private readonly TypeCompatibility _types;
    private readonly EquatableArray<CqlToken> _tokens;
    private readonly string _displayName;
    private readonly CqlVersion _targetVersion;
    private TableSchema? _table;

    private MethodAnalyzer(MethodTarget target, CqlStatement statement, CqlSchema? schema, string displayName, CqlVersion targetVersion)
    {
        _target = target;
        _displayName = displayName;
        _targetVersion = targetVersion;
        _statement = statement;
        _schema = schema;
        _locator = target.Locator!;
        _definitions = target.Definitions.ToDictionary(d => d.Key, StringComparer.Ordinal);
        _types = new TypeCompatibility(schema, statement.Keyspace, _definitions);
        _tokens = statement.Tokens;
    }

    /// <summary>Checks one method of <paramref name="iface"/>: its model to emit (faulted when errors were found), the type definitions its codecs need, and its diagnostics.</summary>
    public static (MethodModel Method, EquatableArray<TypeDefinition> Definitions, IReadOnlyList<DiagnosticInfo> Diagnostics) Analyze(
        MethodTarget target, InterfaceModel iface, SchemaInput schema, GeneratorOptions options, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>(target.Diagnostics);
        var faulted = target.Diagnostics.Any(d => d.IsError);
        var displayName = iface.Name + "." + target.Name;

        EquatableArray<BoundValueModel> values = default;
        EquatableArray<string> entities = default;
        ResultModel? result = null;
        var shape = target.Return?.Shape ?? ReturnShape.None;
        if (target.Statement is { } statement && target.Return is { IsUnsupported: false } && !faulted)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var analyzer = new MethodAnalyzer(target, statement, schema.Schema, displayName, options.TargetVersion);
            (shape, values, entities, result) = analyzer.Run();
            diagnostics.AddRange(analyzer._diagnostics);
            faulted |= analyzer._diagnostics.Any(d => d.IsError);
        }
        else
        {
            faulted = true;
        }

        var method = new MethodModel(target.Name, target.IsOverloaded ? target.Name + target.Ordinal : target.Name, target.Return?.TypeName ?? "void")
        {
            TypeParameters = target.TypeParameters,
            Ordinal = target.Ordinal,
            Faulted = faulted,
            Shape = shape,
            IsValueTask = target.Return?.IsValueTask ?? false,
            ElementTypeName = target.Return?.ElementTypeName,
            ElementNullable = target.Return?.ElementNullable ?? false,
            Cql = target.Cql ?? string.Empty,
            Values = faulted ? EquatableArray<BoundValueModel>.Empty : values,
            EntityParameters = faulted ? EquatableArray<string>.Empty : entities,
            Parameters = target.Parameters,
            CancellationToken = target.Parameters.FirstOrDefault(p => p.Role == ParameterRole.CancellationToken)?.Name,
            PagingState = target.Parameters.FirstOrDefault(p => p.Role == ParameterRole.PagingState)?.Name,
            Result = faulted ? null : result,
            Options = target.Options,
            DisplayName = displayName,
        };
        return (method, faulted ? EquatableArray<TypeDefinition>.Empty : target.Definitions, diagnostics);
    }

    private (ReturnShape Shape, EquatableArray<BoundValueModel> Values, EquatableArray<string> Entities, ResultModel? Result) Run()
    {
        var shape = _target.Return!.Shape;
        if (_statement.HasErrors)
        {
            var error = _statement.Errors[0];
            Report(DiagnosticDescriptors.CqlSyntaxError, _locator.Locate(error.Offset, error.Length), _target.Name, error.Message);
            return (shape, default, default, null);
        }

        if (_statement.Kind == CqlStatementKind.Use)
        {
            Report(DiagnosticDescriptors.UseStatement, _locator.Locate(0, _target.Cql!.Length), _target.Name);
            return (shape, default, default, null);
        }

        foreach (var construct in _statement.Constructs.Where(c => c.Version > _targetVersion).GroupBy(c => c.Name).Select(g => g.First()))
        {
            Report(DiagnosticDescriptors.NewerThanTarget, _locator.Locate(construct.Offset, construct.Length), _target.Name, construct.Name, construct.Version.ToString(), _targetVersion.ToString());
        }

        if (_statement.Refusals.Count > 0)
        {
            foreach (var refusal in _statement.Refusals)
            {
                Report(DiagnosticDescriptors.CqlRefused, _locator.Locate(refusal.Offset, refusal.Length), _target.Name, refusal.Message);
            }

            return (shape, default, default, null);
        }

        CheckSchema();
        shape = CheckShape(shape);
        CheckOptions(shape);
        var (values, entities) = BindMarkers();
        var result = shape is ReturnShape.First or ReturnShape.List or ReturnShape.Stream or ReturnShape.Page && _statement.IsSelect
            ? MapResult()
            : null;
        return (shape, values, entities, result);
    }

    // The statement kind decides which return shapes make sense; Task<bool> of a conditional becomes Applied.
    private ReturnShape CheckShape(ReturnShape shape)
    {
        var returns = _target.Return!;
        var display = returns.TypeName.Replace("global::", string.Empty);
        var whole = _locator.Locate(0, _target.Cql!.Length);
        if (_statement.IsConditional)
        {
            if (shape == ReturnShape.First && returns.IsBool && !returns.ElementNullable)
            {
                return ReturnShape.Applied;
            }

            if (shape != ReturnShape.None)
            {
                Report(DiagnosticDescriptors.ConditionalReturnType, _target.ReturnLocation, _target.Name, display);
            }

            return shape;
        }

        if (_statement.IsSelect)
        {
            if (shape == ReturnShape.None)
            {
                Report(DiagnosticDescriptors.SelectWithoutRows, _target.ReturnLocation, _target.Name, display);
            }

            return shape;
        }

        if (shape != ReturnShape.None)
        {
            Report(DiagnosticDescriptors.WriteReturnsRows, _target.ReturnLocation ?? whole, _target.Name, KindName(_statement.Kind), display);
        }

        return shape;
    }

    private static string KindName(CqlStatementKind kind) => kind switch
    {
        CqlStatementKind.Insert => "an INSERT",
        CqlStatementKind.Update => "an UPDATE",
        CqlStatementKind.Delete => "a DELETE",
        CqlStatementKind.Batch => "a BATCH",
        _ => "a statement",
    };

    private void CheckOptions(ReturnShape shape)
    {
        var options = _target.Options;
        if (options.PageSize is not null && shape is ReturnShape.None or ReturnShape.First or ReturnShape.Applied)
        {
            Report(DiagnosticDescriptors.PageSizeWithoutPaging, _target.Location, _target.Name, _target.Return!.TypeName.Replace("global::", string.Empty));
        }

        if (options.Idempotent == true && NotIdempotentReason() is { } reason)
        {
            Report(DiagnosticDescriptors.NotIdempotent, _target.Location, _target.Name, reason);
        }
    }

    private string? NotIdempotentReason()
    {
        if (_statement.IsCounterUpdate)
        {
            return "it updates a counter";
        }

        foreach (var (assignment, table) in Assignments())
        {
            var column = table?.FindColumn(assignment.Column);
            if (assignment.Kind == CqlAssignmentKind.Prepend || (assignment.Kind == CqlAssignmentKind.Add && column?.Type.Kind == CqlTypeKind.List))
            {
                return $"it adds to list '{assignment.Column}'";
            }

            if (assignment.Kind is CqlAssignmentKind.Add or CqlAssignmentKind.Subtract && column?.Type.IsCounter == true)
            {
                return $"it updates counter '{assignment.Column}'";
            }
        }

        for (var i = 0; i + 1 < _tokens.Count; i++)
        {
            if ((_tokens[i].IsWord("now") || _tokens[i].IsWord("uuid")) && _tokens[i + 1].Kind == CqlTokenKind.OpenParen)
            {
                return $"it calls {_tokens[i].Text.ToLowerInvariant()}(), which gives a new value each time";
            }
        }

        return null;
    }

    // The assignments of the statement, or of each statement of a BATCH, with their table when the schema has it.
    private IEnumerable<(CqlAssignment Assignment, Schema.TableSchema? Table)> Assignments()
    {
        if (_statement.Kind != CqlStatementKind.Batch)
        {
            return _statement.Assignments.Select(a => (a, _table));
        }

        return _statement.Statements.SelectMany(inner => inner.Assignments.Select(a => (a,
            _schema is not null && inner.Table is { } name && _schema.FindTable(inner.Keyspace, name) is { Status: Schema.TableLookupStatus.Found } found ? found.Table : null)));
    }

    private void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
        _diagnostics.Add(DiagnosticFactory.Create(descriptor, location ?? _target.Location, arguments));

    private LocationInfo? LocateName(string name, int from = 0)
    {
        foreach (var token in _tokens)
        {
            if (token.Start >= from && token.IsName && token.Value == name)
            {
                return _locator.Locate(token.Start, token.Length);
            }
        }

        return _locator.Locate(0, _target.Cql!.Length);
    }

    private LocationInfo? LocateMarker(CqlBindMarker marker) => _locator.Locate(marker.Offset, marker.Length);

    private LocationInfo? LocateSelector(CqlSelector selector) => _locator.Locate(selector.Offset, selector.Length);
}
