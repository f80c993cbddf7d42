using AsyncCassandra.Generators.Model;

namespace AsyncCassandra.Generators.Emitting;

internal sealed partial class RepositoryEmitter
{
    // A reader per distinct result model (methods with the same rows share it): made once per result metadata
    // (columns resolved and type-checked, codecs of server-typed values built), then reads each row with no lookups.
    // A scalar reader is told which method's result it reads, for its errors.
    private void EmitReader(SourceWriter w, ReaderModel reader)
    {
        var result = reader.Result;
        var entity = result.Entity;
        var columns = result.Columns;
        w.Open($"private sealed class {reader.Name}");
        if (entity is null)
        {
            w.Line("private readonly string _result;");
        }

        for (var k = 0; k < columns.Count; k++)
        {
            w.Line($"private readonly int _c{k};");
            if (columns[k].Value.NeedsServerType)
            {
                w.Line($"private readonly {Names.Codec}<{_codecs.CodecType(columns[k].Value)}> _k{k};");
            }
        }

        w.Line();
        w.Open(entity is null ? $"public {reader.Name}({Names.Columns} columns, string result)" : $"public {reader.Name}({Names.Columns} columns)");
        if (entity is null)
        {
            w.Line("_result = result;");
        }

        for (var k = 0; k < columns.Count; k++)
        {
            var column = columns[k];
            var member = MemberLabel(result, column);
            w.Line(column.Position >= 0
                ? $"_c{k} = {Names.Binding}.At(columns, {column.Position}, {Naming.Literal(column.Column)}, {member});"
                : $"_c{k} = {Names.Binding}.Find(columns, {Naming.Literal(column.Column)}, {(column.Required ? "true" : "false")}, {member});");
            if (column.Value.NeedsServerType)
            {
                w.Line($"_k{k} = {Names.Binding}.ColumnCodec<{_codecs.CodecType(column.Value)}>(columns, _c{k}, static type => {_codecs.Expression(column.Value, "type")}, {member}, {Naming.Literal(column.Value.DisplayName)});");
                continue;
            }

            w.Line($"{Names.Binding}.Check(columns, _c{k}, {CodecOf(column, k)}, {member}, {Naming.Literal(column.Value.DisplayName)});");
        }

        w.Close();
        w.Line();
        w.Open($"public {reader.ReturnTypeName} Read({Names.RowSet} rows, int row)");
        if (columns.Count > 0)
        {
            w.Line($"{Names.Span} raw;");
        }

        for (var k = 0; k < columns.Count; k++)
        {
            var column = columns[k];
            var value = column.Value;
            var member = MemberLabel(result, column);
            var error = $"{Names.Binding}.NullValue({Naming.Literal(result.Table)}, {Naming.Literal(column.Column)}, {member}, {Naming.Literal(value.DisplayName)})";
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

    // A C# expression of what a column fills, for errors: a member's literal name, or the scalar reader's method.
    private static string MemberLabel(ResultModel result, ColumnReadModel column) =>
        result.Entity is { } entity ? Naming.Literal(entity.DisplayName + "." + entity.Members[column.Member].Name) : "_result";

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
            var description = Naming.Literal(value.Description);
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
