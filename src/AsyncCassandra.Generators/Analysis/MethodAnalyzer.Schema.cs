using AsyncCassandra.Generators.Cql;
using AsyncCassandra.Generators.Diagnostics;
using AsyncCassandra.Generators.Schema;

namespace AsyncCassandra.Generators.Analysis;

internal sealed partial class MethodAnalyzer
{
    // With a schema: the table must exist (unambiguously) and every column the statement names must be in it.
    private void CheckSchema()
    {
        if (_schema is null || _statement.Table is null)
        {
            return;
        }

        var tableLocation = LocateTable();
        var lookup = _schema.FindTable(_statement.Keyspace, _statement.Table);
        switch (lookup.Status)
        {
            case TableLookupStatus.UnknownKeyspace:
                Report(DiagnosticDescriptors.UnknownKeyspace, LocateName(_statement.Keyspace!), _statement.Keyspace!, _target.Name);
                return;
            case TableLookupStatus.UnknownTable:
                Report(DiagnosticDescriptors.UnknownTable, tableLocation, _statement.Table, _target.Name);
                return;
            case TableLookupStatus.Ambiguous:
                var keyspaces = _schema.Keyspaces.Where(k => k.FindTable(_statement.Table) is not null).Select(k => k.Name);
                Report(DiagnosticDescriptors.AmbiguousTable, tableLocation, _statement.Table, _target.Name, string.Join(", ", keyspaces));
                return;
        }

        _table = lookup.Table;
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var selector in _statement.Selectors)
        {
            if (selector.Column is { } column && _table!.FindColumn(column) is null && reported.Add(column))
            {
                Report(DiagnosticDescriptors.UnknownColumn, LocateSelector(selector), column, _table.Name, _target.Name);
            }
        }

        var named = _statement.Columns
            .Concat(_statement.Assignments.Select(a => a.Column))
            .Concat(_statement.Where.SelectMany(r => r.Columns))
            .Concat(_statement.Conditions.SelectMany(r => r.Columns))
            .Concat(_statement.OrderBy.Select(o => o.Column))
            .Concat(_statement.GroupBy);
        foreach (var column in named)
        {
            if (_table!.FindColumn(column) is null && reported.Add(column))
            {
                Report(DiagnosticDescriptors.UnknownColumn, LocateName(column, TableEnd()), column, _table.Name, _target.Name);
            }
        }
    }

    private Model.LocationInfo? LocateTable() => LocateName(_statement.Table!, KeywordStart());

    private int KeywordStart()
    {
        foreach (var token in _tokens)
        {
            if (token.IsWord("FROM") || token.IsWord("INTO") || token.IsWord("UPDATE"))
            {
                return token.End;
            }
        }

        return 0;
    }

    private int TableEnd()
    {
        var start = KeywordStart();
        foreach (var token in _tokens)
        {
            if (token.Start >= start && token.IsName && token.Value == _statement.Table)
            {
                return token.End;
            }
        }

        return 0;
    }

    /// <summary>The CQL type a marker's value must have, when the statement and schema tell.</summary>
    private CqlTypeRef? ExpectedType(CqlBindMarker marker)
    {
        switch (marker.Role)
        {
            case CqlMarkerRole.Limit or CqlMarkerRole.PerPartitionLimit or CqlMarkerRole.Ttl:
                return CqlTypeRef.Native("int");
            case CqlMarkerRole.Timestamp:
                return CqlTypeRef.Native("bigint");
            case CqlMarkerRole.Json:
                return CqlTypeRef.Native("text");
        }

        var column = marker.Column is null ? null : _table?.FindColumn(marker.Column)?.Type;
        if (column is null)
        {
            return null;
        }

        return marker.Role switch
        {
            CqlMarkerRole.Value => column,
            CqlMarkerRole.InList => CqlTypeRef.List(column),
            CqlMarkerRole.ElementKey => column.Kind switch
            {
                CqlTypeKind.List => CqlTypeRef.Native("int"),
                CqlTypeKind.Map => column.Arguments[0],
                _ => null,
            },
            CqlMarkerRole.ElementValue or CqlMarkerRole.CollectionElement => column.Kind switch
            {
                CqlTypeKind.List or CqlTypeKind.Set => column.Arguments[0],
                CqlTypeKind.Map => column.Arguments[1],
                _ => null,
            },
            CqlMarkerRole.CollectionKey => column.Kind == CqlTypeKind.Map ? column.Arguments[0] : null,
            CqlMarkerRole.Field => FieldType(column, marker.Name),
            _ => null,
        };
    }

    private CqlTypeRef? FieldType(CqlTypeRef column, string markerName)
    {
        var dot = markerName.LastIndexOf('.');
        if (column.Kind != CqlTypeKind.UserDefined || dot < 0)
        {
            return null;
        }

        return _schema?.FindType(column.Keyspace ?? _table?.Keyspace, column.Name)?.FindField(markerName.Substring(dot + 1))?.Type;
    }

    /// <summary>The CQL type of a selected item, when the expression or the schema tells.</summary>
    private CqlTypeRef? SelectorType(CqlSelector selector)
    {
        switch (selector.Kind)
        {
            case CqlSelectorKind.Column:
                return selector.Column is null ? null : _table?.FindColumn(selector.Column)?.Type;
            case CqlSelectorKind.Cast:
                return selector.CastType;
            case CqlSelectorKind.Field:
                var udt = selector.Column is null ? null : _table?.FindColumn(selector.Column)?.Type;
                var dot = selector.ResultName.LastIndexOf('.');
                return udt is null || selector.Alias is not null || dot < 0 ? FieldOfAliased(selector, udt) : FieldType(udt, selector.ResultName);
            case CqlSelectorKind.Function:
                var function = selector.Function ?? string.Empty;
                if (function.StartsWith("system.", StringComparison.Ordinal))
                {
                    function = function.Substring("system.".Length);
                }

                return function switch
                {
                    "count" or "writetime" or "tounixtimestamp" or "unixtimestampof" => CqlTypeRef.Native("bigint"),
                    "ttl" => CqlTypeRef.Native("int"),
                    "now" => CqlTypeRef.Native("timeuuid"),
                    "uuid" => CqlTypeRef.Native("uuid"),
                    "totimestamp" or "dateof" => CqlTypeRef.Native("timestamp"),
                    "todate" => CqlTypeRef.Native("date"),
                    _ => null,
                };
            default:
                return null;
        }
    }

    // `address.city AS c`: the field's name is in the selector text, not in the result name.
    private CqlTypeRef? FieldOfAliased(CqlSelector selector, CqlTypeRef? udt)
    {
        if (udt is null)
        {
            return null;
        }

        var text = _target.Cql!.Substring(selector.Offset, selector.Length);
        var end = text.IndexOf(' ');
        return FieldType(udt, CqlIdentifier.Normalize(end < 0 ? text : text.Substring(0, end)));
    }
}
