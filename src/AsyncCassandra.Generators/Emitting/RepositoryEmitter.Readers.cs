using AsyncCassandra.Generators.Model;

namespace AsyncCassandra.Generators.Emitting;

internal sealed partial class RepositoryEmitter
{
    // A reader per method: made once per result metadata (columns resolved and type-checked, codecs of
    // user-defined types built), then reads each row with no lookups.
    private void EmitReader(SourceWriter w, MethodModel method, ResultModel result)
    {
        var entity = result.Entity;
        var columns = result.Columns;
        var returnType = entity?.TypeName ?? method.ElementTypeName!;
        w.Open($"private sealed class {Reader(method)}");
        for (var k = 0; k < columns.Count; k++)
        {
            w.Line($"private readonly int _c{k};");
            if (columns[k].Value.NeedsServerType)
            {
                w.Line($"private readonly {Names.Codec}<{_codecs.CodecType(columns[k].Value)}> _k{k};");
            }
        }

        w.Line();
        w.Open($"public {Reader(method)}({Names.Columns} columns)");
        for (var k = 0; k < columns.Count; k++)
        {
            var column = columns[k];
            var member = MemberLabel(method, result, column);
            w.Line(column.Position >= 0
                ? $"_c{k} = {Names.Binding}.At(columns, {column.Position}, {Naming.Literal(column.Column)}, {Naming.Literal(member)});"
                : $"_c{k} = {Names.Binding}.Find(columns, {Naming.Literal(column.Column)}, {(column.Required ? "true" : "false")}, {Naming.Literal(member)});");
            if (column.Value.NeedsServerType)
            {
                w.Line($"_k{k} = {Names.Binding}.ColumnCodec<{_codecs.CodecType(column.Value)}>(columns, _c{k}, static type => {_codecs.Expression(column.Value, "type")}, {Naming.Literal(member)}, {Naming.Literal(column.Value.DisplayName)});");
                continue;
            }

            w.Line($"{Names.Binding}.Check(columns, _c{k}, {CodecOf(column, k)}, {Naming.Literal(member)}, {Naming.Literal(column.Value.DisplayName)});");
        }

        w.Close();
        w.Line();
        w.Open($"public {returnType} Read({Names.RowSet} rows, int row)");
        w.Line($"{Names.Span} raw;");
        for (var k = 0; k < columns.Count; k++)
        {
            var column = columns[k];
            var value = column.Value;
            var member = MemberLabel(method, result, column);
            var error = $"{Names.Binding}.NullValue({Naming.Literal(result.Table)}, {Naming.Literal(column.Column)}, {Naming.Literal(member)}, {Naming.Literal(value.DisplayName)})";
            var read = $"rows.TryGetRawValue(row, _c{k}, out raw) ? {ValueCode.Read(_codecs, value, CodecOf(column, k), "raw")} : {ValueCode.NullFallback(value, error)}";
            if (column.Required)
            {
                w.Line($"{value.DeclaredName} v{k} = {read};");
                continue;
            }

            w.Line($"{value.DeclaredName} v{k} = {ValueCode.Initial(value)};");
            w.Open($"if (_c{k} >= 0)");
            w.Line($"v{k} = {read};");
            w.Close();
        }

        if (entity is null)
        {
            w.Line("return v0;");
            w.Close();
            w.Close();
            return;
        }

        var locals = new Dictionary<int, int>();
        for (var k = 0; k < columns.Count; k++)
        {
            locals[columns[k].Member] = k;
        }

        bool Later(int member) => locals.TryGetValue(member, out var k) && !columns[k].Required && entity.Members[member].CanSet;
        ValueCode.Construct(w, entity, "item", i => locals.TryGetValue(i, out var k) ? "v" + k : null, Later);
        foreach (var pair in locals.Where(p => Later(p.Key)).OrderBy(p => p.Value))
        {
            w.Open($"if (_c{pair.Value} >= 0)");
            w.Line($"item.{ValueCode.Id(entity.Members[pair.Key].Name)} = v{pair.Value};");
            w.Close();
        }

        w.Line("return item;");
        w.Close();
        w.Close();
    }

    private string CodecOf(ColumnReadModel column, int k) => column.Value.NeedsServerType ? "_k" + k : _codecs.Expression(column.Value, null);

    private static string MemberLabel(MethodModel method, ResultModel result, ColumnReadModel column) =>
        result.Entity is { } entity ? entity.DisplayName + "." + entity.Members[column.Member].Name : "the result of " + method.DisplayName;

    // A binder per method with values: made once per prepared metadata, it checks that each marker's CQL type is one
    // the value's codec writes (a mismatch would otherwise send the wrong bytes), and builds the codecs that follow the
    // markers' types (user-defined types, enums without a schema).
    private void EmitBinder(SourceWriter w, MethodModel method)
    {
        w.Open($"private sealed class {Binder(method)}");
        var fields = 0;
        for (var i = 0; i < method.Values.Count; i++)
        {
            if (method.Values[i].Value.NeedsServerType)
            {
                w.Line($"public readonly {Names.Codec}<{_codecs.CodecType(method.Values[i].Value)}> Value{i};");
                fields++;
            }
        }

        if (fields > 0)
        {
            w.Line();
        }

        w.Open($"public {Binder(method)}({Names.Columns} variables)");
        for (var i = 0; i < method.Values.Count; i++)
        {
            var value = method.Values[i];
            var description = Naming.Literal(value.Description + " of " + method.DisplayName);
            var display = Naming.Literal(value.Value.DisplayName);
            if (!value.Value.NeedsServerType)
            {
                w.Line($"{Names.Binding}.CheckMarker(variables, {i}, {_codecs.Expression(value.Value, null)}, {description}, {display});");
                continue;
            }

            w.Line($"Value{i} = {Names.Binding}.MarkerCodec<{_codecs.CodecType(value.Value)}>(variables, {i}, static type => {_codecs.Expression(value.Value, "type")}, {description}, {display});");
        }

        w.Close();
        w.Close();
    }
}
