using AsyncCassandra.Generators.Cql;
using AsyncCassandra.Generators.Diagnostics;
using AsyncCassandra.Generators.Schema;

namespace AsyncCassandra.Generators.Analysis;

internal sealed partial class MethodAnalyzer
{
    // With a schema: each table must exist (unambiguously) and every column a statement names must be in it; a
    // BATCH's statements are checked one by one.
    private void CheckSchema()
    {
        if (_schema is null)
        {
            return;
        }

        if (_statement.Kind == CqlStatementKind.Batch)
        {
            foreach (var inner in _statement.Statements)
            {
                CheckStatementSchema(inner);
            }

            return;
        }

        _table = CheckStatementSchema(_statement);
    }

    private TableSchema? CheckStatementSchema(CqlStatement statement)
    {
        if (statement.Table is null)
        {
            return null;
        }

        var tableLocation = LocateName(statement.Table, KeywordStart());
        var lookup = _schema!.FindTable(statement.Keyspace, statement.Table);
        switch (lookup.Status)
        {
            case TableLookupStatus.UnknownKeyspace:
                Report(DiagnosticDescriptors.UnknownKeyspace, LocateName(statement.Keyspace!), statement.Keyspace!, _target.Name);
                return null;
            case TableLookupStatus.UnknownTable:
                Report(DiagnosticDescriptors.UnknownTable, tableLocation, statement.Table, _target.Name);
                return null;
            case TableLookupStatus.Ambiguous:
                var keyspaces = _schema.Keyspaces.Where(k => k.FindTable(statement.Table) is not null).Select(k => k.Name);
                Report(DiagnosticDescriptors.AmbiguousTable, tableLocation, statement.Table, _target.Name, string.Join(", ", keyspaces));
                return null;
        }

        var table = lookup.Table!;
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var selector in statement.Selectors)
        {
            if (selector.Column is { } column && table.FindColumn(column) is null && reported.Add(column))
            {
                Report(DiagnosticDescriptors.UnknownColumn, LocateSelector(selector), column, table.Name, _target.Name);
            }
        }

        var named = statement.Columns
            .Concat(statement.Assignments.Select(a => a.Column))
            .Concat(statement.Where.SelectMany(r => r.Columns))
            .Concat(statement.Conditions.SelectMany(r => r.Columns))
            .Concat(statement.OrderBy.Select(o => o.Column))
            .Concat(statement.GroupBy);
        foreach (var column in named)
        {
            if (table.FindColumn(column) is null && reported.Add(column))
            {
                Report(DiagnosticDescriptors.UnknownColumn, LocateName(column, TableEnd(statement.Table)), column, table.Name, _target.Name);
            }
        }

        return table;
    }

    // The table a marker's column belongs to: its own statement's (inside a BATCH), else the statement's.
    private TableSchema? TableOf(CqlBindMarker marker)
    {
        if (marker.Table is null || _schema is null || (_statement.Kind != CqlStatementKind.Batch && _table is not null))
        {
            return _table;
        }

        return _schema.FindTable(marker.Keyspace, marker.Table) is { Status: TableLookupStatus.Found, Table: { } table } ? table : null;
    }

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

    private int TableEnd(string table)
    {
        var start = KeywordStart();
        foreach (var token in _tokens)
        {
            if (token.Start >= start && token.IsName && token.Value == table)
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

        var column = marker.Column is null ? null : TableOf(marker)?.FindColumn(marker.Column)?.Type;
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
            CqlMarkerRole.Field => FieldType(column, marker.Name, TableOf(marker)),
            _ => null,
        };
    }

    private CqlTypeRef? FieldType(CqlTypeRef column, string markerName, TableSchema? table = null)
    {
        table ??= _table;
        var dot = markerName.LastIndexOf('.');
        if (column.Kind != CqlTypeKind.UserDefined || dot < 0)
        {
            return null;
        }

        return _schema?.FindType(column.Keyspace ?? table?.Keyspace, column.Name)?.FindField(markerName.Substring(dot + 1))?.Type;
    }

    /// <summary>The CQL type of a selected item, when the expression or the schema tells.</summary>
    private CqlTypeRef? SelectorType(CqlSelector selector)
    {
        switch (selector.Kind)
        {
            case CqlSelectorKind.Column:
                return selector.Column is null ? null : _table?.FindColumn(selector.Column)?.Type;
            case CqlSelectorKind.Field:
                var udt = selector.Column is null ? null : _table?.FindColumn(selector.Column)?.Type;
                var dot = selector.ResultName.LastIndexOf('.');
                return udt is null || selector.Alias is not null || dot < 0 ? FieldOfAliased(selector, udt) : FieldType(udt, selector.ResultName);
            case CqlSelectorKind.Element:
                // m['k'] is one value of the map, l[1] one element; a slice is a collection of the same type.
                var collection = selector.Column is null ? null : _table?.FindColumn(selector.Column)?.Type;
                if (collection is null || _target.Cql!.Substring(selector.Offset, selector.Length).Contains(".."))
                {
                    return collection is { IsCollection: true } ? collection : null;
                }

                return collection.Kind switch
                {
                    CqlTypeKind.Map => collection.Arguments[1],
                    CqlTypeKind.List or CqlTypeKind.Set => collection.Arguments[0],
                    _ => null,
                };
            case CqlSelectorKind.Function when selector.Function is "writetime" or "maxwritetime" or "ttl" && selector.Column is { } timed
                && _table?.FindColumn(timed)?.Type is { IsFrozen: false } cells && (cells.IsCollection || cells.Kind == CqlTypeKind.UserDefined):
                // Of a multi-cell column Cassandra 5.0 returns one timestamp (or TTL) per cell.
                return null;
            case CqlSelectorKind.Function or CqlSelectorKind.Cast:
                return SelectorTypes.Known(selector);
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
