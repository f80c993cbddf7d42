using AsyncCassandra.Generators.Common;
using AsyncCassandra.Generators.Cql;
using AsyncCassandra.Generators.Diagnostics;
using AsyncCassandra.Generators.Model;

namespace AsyncCassandra.Generators.Analysis;

internal sealed partial class MethodAnalyzer
{
    /// <summary>A column the SELECT returns, as known at compile time.</summary>
    private sealed record SelectedColumn(int Position, string Name, CqlTypeRef? Type, LocationInfo? Location);

    /// <summary>
    /// How rows become T: a scalar reads the one selected column; an entity gets each selected column in the member
    /// of the same name. Explicit selections are read by position; <c>SELECT *</c> by name, resolved once per result
    /// metadata at run time.
    /// </summary>
    private ResultModel? MapResult()
    {
        var returns = _target.Return!;
        var element = returns.ElementValue!;
        if (_statement.IsJson)
        {
            return MapJson(element);
        }

        var byName = _statement.IsSelectStar;
        var columns = KnownColumns();
        var table = _statement.Keyspace is null ? _statement.Table ?? string.Empty : _statement.Keyspace + "." + _statement.Table;
        var starLocation = byName ? LocateSelector(_statement.Selectors[0]) : null;
        if (columns is null)
        {
            Report(DiagnosticDescriptors.SelectStarUnchecked, starLocation, _target.Name);
        }

        if (RowsAsOneCollection(element, columns) is { } selects)
        {
            var row = element.Arguments[0].DisplayName;
            Report(DiagnosticDescriptors.RowCollectionNotAList, _target.ReturnLocation, _target.Name, returns.TypeName.Replace("global::", string.Empty), selects, row);
            return null;
        }

        // One selected user-defined type column read as a whole: the schema says so, or (without one) the column
        // matches no member of the type, so it cannot be a row of that type.
        var udtScalar = element.Kind == ValueKind.Udt && columns is { Count: 1 } && !byName
            && (columns[0].Type is { } single
                ? single.Kind == CqlTypeKind.UserDefined
                : returns.ElementEntity?.FindMember(columns[0].Name, _ => true) is null or < 0);
        if (element.Kind is not (ValueKind.Udt or ValueKind.Unsupported) || udtScalar)
        {
            return MapScalar(element, columns, table, starLocation);
        }

        if (returns.ElementEntity is not { } entity)
        {
            Report(DiagnosticDescriptors.UnsupportedReturnType, _target.ReturnLocation, _target.Name, returns.TypeName.Replace("global::", string.Empty));
            return null;
        }

        if (entity.NotConstructible is { } reason)
        {
            Report(DiagnosticDescriptors.TypeNotConstructible, _target.ReturnLocation, entity.DisplayName, reason);
            return null;
        }

        return columns is null ? MapEntityByName(entity, table) : MapEntity(entity, columns, byName, table);
    }

    // Task<List<User>> of a SELECT of several columns (or *): every row was meant, but only IReadOnlyList<T> means
    // that; a collection is otherwise one column's value. Says what the SELECT selects when so.
    private string? RowsAsOneCollection(ValueModel element, List<SelectedColumn>? columns)
    {
        if (_target.Return!.Shape != ReturnShape.First || element.Kind != ValueKind.Collection
            || element.Shape is CollectionShape.Dictionary or CollectionShape.MapInterface || element.Arguments[0].Kind != ValueKind.Udt)
        {
            return null;
        }

        if (_statement.IsSelectStar)
        {
            return columns is null ? "selects * (every column)" : $"selects * ({columns.Count} columns)";
        }

        return columns!.Count == 1 ? null : $"has {columns.Count} columns";
    }

    // SELECT JSON returns each row as one text column, [json]: a string per row, never a row type.
    private ResultModel? MapJson(ValueModel element)
    {
        var table = _statement.Keyspace is null ? _statement.Table ?? string.Empty : _statement.Keyspace + "." + _statement.Table;
        var location = _statement.Selectors.Count > 0 ? LocateSelector(_statement.Selectors[0]) : _target.Location;
        if (element.Kind is ValueKind.Udt or ValueKind.Unsupported && _target.Return!.ElementEntity is not null)
        {
            Report(DiagnosticDescriptors.JsonRowType, _target.ReturnLocation, _target.Name, element.DisplayName);
            return null;
        }

        var json = new List<SelectedColumn> { new(0, "[json]", CqlTypeRef.Native("text"), location) };
        return MapScalar(element, json, table, null);
    }

    // The selected columns with their CQL types when known; null for SELECT * without a schema.
    private List<SelectedColumn>? KnownColumns()
    {
        if (!_statement.IsSelectStar)
        {
            return _statement.Selectors.Select((s, i) => new SelectedColumn(i, s.ResultName, SelectorType(s), LocateSelector(s))).ToList();
        }

        var location = LocateSelector(_statement.Selectors[0]);
        return _table?.Columns.Select(c => new SelectedColumn(-1, c.Name, c.Type, location)).ToList();
    }

    private ResultModel? MapScalar(ValueModel element, List<SelectedColumn>? columns, string table, LocationInfo? starLocation)
    {
        if (columns is not null && columns.Count != 1)
        {
            Report(DiagnosticDescriptors.ScalarNeedsOneColumn, columns.Count > 0 ? columns[0].Location : starLocation, _target.Name, element.DisplayName,
                columns.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return null;
        }

        var name = columns?[0].Name ?? "*";
        var resolved = element;
        if (columns?[0].Type is { } type)
        {
            resolved = _types.Resolve(element, type);
            if (resolved is null)
            {
                Report(DiagnosticDescriptors.MemberTypeMismatch, columns[0].Location, "(result)", _target.Name, element.DisplayName, name, type.ToString(), TypeCompatibility.Suggest(type));
                return null;
            }
        }

        return new ResultModel(null, EquatableArray.Create(new ColumnReadModel(0, name, -1, resolved, Required: true))) { Table = TableName(table) };
    }

    private ResultModel? MapEntity(EntityModel entity, List<SelectedColumn> columns, bool byName, string table)
    {
        var reads = new List<ColumnReadModel>();
        var mappedBy = new Dictionary<int, string>();
        var ok = true;
        foreach (var column in columns)
        {
            var index = entity.FindMember(column.Name, m => m.CanReceive);
            if (index < 0)
            {
                if (!byName)
                {
                    var unsettable = entity.FindMember(column.Name, _ => true);
                    if (unsettable >= 0)
                    {
                        Report(DiagnosticDescriptors.MemberCannotBeSet, column.Location, column.Name, _target.Name, entity.Members[unsettable].Name, entity.DisplayName);
                    }
                    else
                    {
                        Report(DiagnosticDescriptors.ColumnWithoutMember, column.Location, column.Name, _target.Name, entity.DisplayName);
                    }

                    ok = false;
                }

                continue;
            }

            var member = entity.Members[index];
            if (mappedBy.TryGetValue(index, out var other))
            {
                Report(DiagnosticDescriptors.AmbiguousColumnMapping, column.Location, other, column.Name, member.Name, entity.DisplayName);
                ok = false;
                continue;
            }

            mappedBy[index] = column.Name;
            if (member.Value.Kind == ValueKind.Unsupported)
            {
                Report(DiagnosticDescriptors.MemberTypeUnsupported, column.Location, member.Name, entity.DisplayName, member.Value.DisplayName, member.Value.Unsupported ?? "it has no CQL type");
                ok = false;
                continue;
            }

            var value = member.Value;
            if (column.Type is { } type)
            {
                var resolved = _types.Resolve(value, type);
                if (resolved is null)
                {
                    Report(DiagnosticDescriptors.MemberTypeMismatch, column.Location, member.Name, entity.DisplayName, member.Value.DisplayName, column.Name, type.ToString(), TypeCompatibility.Suggest(type));
                    ok = false;
                    continue;
                }

                value = resolved;
            }

            reads.Add(new ColumnReadModel(byName ? -1 : column.Position, column.Name, index, value, Required: true));
        }

        for (var i = 0; i < entity.Members.Count; i++)
        {
            var member = entity.Members[i];
            if (member.MustReceive && !mappedBy.ContainsKey(i))
            {
                Report(DiagnosticDescriptors.ConstructorParameterNotSelected, _target.ReturnLocation, member.ParameterName ?? member.Name, entity.DisplayName, _target.Name);
                ok = false;
            }
        }

        return ok ? new ResultModel(entity, reads.ToEquatableArray()) { ByName = byName, Table = TableName(table) } : null;
    }

    // SELECT * without a schema: every member that can receive a value is looked up by name at run time.
    private ResultModel? MapEntityByName(EntityModel entity, string table)
    {
        var reads = new List<ColumnReadModel>();
        var ok = true;
        for (var i = 0; i < entity.Members.Count; i++)
        {
            var member = entity.Members[i];
            if (member.Ignored || !member.CanReceive)
            {
                if (member.MustReceive)
                {
                    Report(DiagnosticDescriptors.ConstructorParameterNotSelected, _target.ReturnLocation, member.ParameterName ?? member.Name, entity.DisplayName, _target.Name);
                    ok = false;
                }

                continue;
            }

            if (member.Value.Kind == ValueKind.Unsupported)
            {
                if (member.MustReceive)
                {
                    Report(DiagnosticDescriptors.MemberTypeUnsupported, _target.ReturnLocation, member.Name, entity.DisplayName, member.Value.DisplayName, member.Value.Unsupported ?? "it has no CQL type");
                    ok = false;
                }

                continue;
            }

            reads.Add(new ColumnReadModel(-1, member.CqlName, i, member.Value, member.MustReceive));
        }

        return ok ? new ResultModel(entity, reads.ToEquatableArray()) { ByName = true, Table = TableName(table) } : null;
    }

    private string TableName(string table) => _table is null ? table : (_table.Keyspace.Length > 0 ? _table.Keyspace + "." : string.Empty) + _table.Name;
}
