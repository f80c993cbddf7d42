using AsyncCassandra.Generators.Model;

namespace AsyncCassandra.Generators.Emitting;

internal sealed partial class RepositoryEmitter
{
    private void EmitMethod(SourceWriter w, MethodModel method)
    {
        _locals = new LocalNames(method.Parameters.Select(p => p.Name));
        if (method.Shape == ReturnShape.Stream)
        {
            EmitStream(w, method);
            return;
        }

        var token = method.CancellationToken ?? "default";
        EmitPooledHeader(w, method);
        EmitPrologue(w, method, token);
        switch (method.Shape)
        {
            case ReturnShape.None:
                w.Line($"await _session.ExecuteValueAsync({_locals["statement"]}, {token}).ConfigureAwait(false);");
                break;
            case ReturnShape.Applied:
                w.Line($"{Names.RowSet} {_locals["rows"]} = await _session.ExecuteValueAsync({_locals["statement"]}, {token}).ConfigureAwait(false);");
                w.Line($"return {_locals["rows"]}.WasApplied;");
                break;
            case ReturnShape.First:
                EmitFirst(w, method, token);
                break;
            case ReturnShape.List:
                EmitList(w, method, token);
                break;
            case ReturnShape.Page:
                EmitPage(w, method, token);
                break;
        }

        EmitEpilogue(w, method);
        w.Close();
    }

    private const string TaskType = "global::System.Threading.Tasks.Task";
    private const string PoolingBuilder = "global::System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder";

    // The method's state machine comes from a pool: ValueTask methods get the pooling builder; Task methods become a
    // wrapper over a pooled ValueTask core, so a call allocates the Task it returns but not a state machine box.
    private void EmitPooledHeader(SourceWriter w, MethodModel method)
    {
        var returnType = method.ReturnTypeName;
        bool generic = returnType.EndsWith(">", System.StringComparison.Ordinal);
        var builder = generic ? PoolingBuilder + "<>" : PoolingBuilder;
        if (method.IsValueTask || !returnType.StartsWith(TaskType, System.StringComparison.Ordinal))
        {
            w.Line($"[global::System.Runtime.CompilerServices.AsyncMethodBuilder(typeof({builder}))]");
            w.Open("async " + Signature(method));
            return;
        }

        var valueTask = "global::System.Threading.Tasks.ValueTask" + returnType.Substring(TaskType.Length);
        var core = method.MemberName + "Core";
        var parameters = string.Join(", ", method.Parameters.Select(p => p.TypeName + " " + p.Name));
        var arguments = string.Join(", ", method.Parameters.Select(p => p.Name));
        w.Line($"{Signature(method)} => {core}({arguments}).AsTask();");
        w.Line();
        w.Line($"[global::System.Runtime.CompilerServices.AsyncMethodBuilder(typeof({builder}))]");
        w.Open($"private async {valueTask} {core}({parameters})");
    }

    // Prepares (once), checks entity parameters, writes the values and sets the statement's options.
    private void EmitPrologue(SourceWriter w, MethodModel method, string token)
    {
        foreach (var entity in method.EntityParameters)
        {
            w.Line($"global::System.ArgumentNullException.ThrowIfNull({entity});");
        }

        w.Line($"{Names.Prepared} {_locals["prepared"]} = await {Slot(method)}.PrepareAsync(_session, {token}).ConfigureAwait(false);");

        if (method.Values.Count == 0)
        {
            w.Line($"{Names.Bound} {_locals["statement"]} = {_locals["prepared"]}.Bind();");
            EmitOptions(w, method);
            return;
        }

        // Checks every marker's CQL type once per prepared metadata (and builds the codecs that depend on it).
        var bind = $"{Slot(method)}.BindParameters({_locals["prepared"]}.Variables, static variables => new {Binder(method)}(variables));";
        w.Line(method.Values.Any(v => v.Value.NeedsServerType) ? $"{Binder(method)} {_locals["binder"]} = {bind}" : "_ = " + bind);

        w.Line($"{Names.Writer} {_locals["values"]} = {Names.Writer}.Rent();");
        w.Open("try");
        for (var i = 0; i < method.Values.Count; i++)
        {
            var value = method.Values[i];
            var codec = value.Value.NeedsServerType ? $"{_locals["binder"]}.Value{i}" : _codecs.Expression(value.Value, null);
            w.Line(ValueCode.Write(_codecs, value.Value, codec, value.Expression, $"{_locals["values"]}"));
        }

        w.Line($"{Names.Bound} {_locals["statement"]} = {_locals["prepared"]}.BindEncoded({method.Values.Count}, {_locals["values"]});");
        EmitOptions(w, method);
    }

    private void EmitEpilogue(SourceWriter w, MethodModel method)
    {
        if (method.Values.Count == 0)
        {
            return;
        }

        w.Close();
        w.Open("finally");
        w.Line($"{_locals["values"]}.Dispose();");
        w.Close();
    }

    private void EmitOptions(SourceWriter w, MethodModel method)
    {
        var options = method.Options;
        if (options.Consistency is { } consistency)
        {
            w.Line($"{_locals["statement"]}.ConsistencyLevel = global::AsyncCassandra.ConsistencyLevel.{consistency};");
        }

        if (options.SerialConsistency is { } serial)
        {
            w.Line($"{_locals["statement"]}.SerialConsistencyLevel = global::AsyncCassandra.ConsistencyLevel.{serial};");
        }

        if (options.Idempotent is { } idempotent)
        {
            w.Line($"{_locals["statement"]}.IsIdempotent = {(idempotent ? "true" : "false")};");
        }

        if (options.PageSize is { } pageSize && method.Shape is ReturnShape.List or ReturnShape.Stream or ReturnShape.Page)
        {
            w.Line($"{_locals["statement"]}.PageSize = {pageSize};");
        }

        if (options.TimeoutMs is { } timeout)
        {
            w.Line($"{_locals["statement"]}.Timeout = global::System.TimeSpan.FromMilliseconds({timeout});");
        }

        if (options.Tracing)
        {
            w.Line($"{_locals["statement"]}.EnableTracing = true;");
        }

        if (method.Shape == ReturnShape.Page && method.PagingState is { } state)
        {
            w.Line($"{_locals["statement"]}.PagingState = {state};");
        }
    }

    private void EmitFirst(SourceWriter w, MethodModel method, string token)
    {
        var result = method.Result!;
        w.Line($"{Names.RowSet} {_locals["rows"]} = await _session.ExecuteValueAsync({_locals["statement"]}, {token}).ConfigureAwait(false);");
        w.Open($"if ({_locals["rows"]}.Count == 0)");
        var valueType = result.IsScalar ? result.Columns[0].Value.IsValueType : result.Entity!.IsValueType;
        if (method.ElementNullable)
        {
            w.Line(valueType ? "return default;" : "return null;");
        }
        else if (valueType && result.IsScalar)
        {
            w.Line("return default;");
        }
        else
        {
            w.Line($"throw {Names.Binding}.NoRow({Naming.Literal(method.DisplayName)}, {Naming.Literal(Names.Short(method.ElementTypeName!))});");
        }

        w.Close();
        w.Line();
        // Values are decoded into new objects, so the page's pooled buffers can go back once the row is read.
        w.Line($"{method.ElementTypeName} {_locals["first"]} = {ReaderFor(method)}.Read({_locals["rows"]}, 0);");
        w.Line($"{_locals["rows"]}.Recycle();");
        w.Line($"return {_locals["first"]};");
    }

    private void EmitList(SourceWriter w, MethodModel method, string token)
    {
        w.Line($"{Names.List}<{method.ElementTypeName}> {_locals["items"]} = new {Names.List}<{method.ElementTypeName}>();");
        w.Open("while (true)");
        w.Line($"{Names.RowSet} {_locals["rows"]} = await _session.ExecuteValueAsync({_locals["statement"]}, {token}).ConfigureAwait(false);");
        w.Open($"if ({_locals["rows"]}.Count > 0)");
        w.Line($"{method.Reader} {_locals["reader"]} = {ReaderFor(method)};");
        w.Open($"for (int {_locals["row"]} = 0; {_locals["row"]} < {_locals["rows"]}.Count; {_locals["row"]}++)");
        w.Line($"{_locals["items"]}.Add({_locals["reader"]}.Read({_locals["rows"]}, {_locals["row"]}));");
        w.Close();
        w.Close();
        w.Line();
        w.Line($"byte[]? {_locals["next"]} = {_locals["rows"]}.PagingState;");
        w.Line($"{_locals["rows"]}.Recycle();");
        w.Open($"if ({_locals["next"]} is null)");
        w.Line("break;");
        w.Close();
        w.Line();
        w.Line($"{_locals["statement"]}.PagingState = {_locals["next"]};");
        w.Close();
        w.Line();
        w.Line($"return {_locals["items"]};");
    }

    private void EmitPage(SourceWriter w, MethodModel method, string token)
    {
        w.Line($"{Names.RowSet} {_locals["rows"]} = await _session.ExecuteValueAsync({_locals["statement"]}, {token}).ConfigureAwait(false);");
        w.Line($"{Names.List}<{method.ElementTypeName}> {_locals["items"]} = new {Names.List}<{method.ElementTypeName}>({_locals["rows"]}.Count);");
        w.Open($"if ({_locals["rows"]}.Count > 0)");
        w.Line($"{method.Reader} {_locals["reader"]} = {ReaderFor(method)};");
        w.Open($"for (int {_locals["row"]} = 0; {_locals["row"]} < {_locals["rows"]}.Count; {_locals["row"]}++)");
        w.Line($"{_locals["items"]}.Add({_locals["reader"]}.Read({_locals["rows"]}, {_locals["row"]}));");
        w.Close();
        w.Close();
        w.Line();
        w.Line($"byte[]? {_locals["next"]} = {_locals["rows"]}.PagingState;");
        w.Line($"{_locals["rows"]}.Recycle();");
        w.Line($"return new global::AsyncCassandra.CqlPage<{method.ElementTypeName}>({_locals["items"]}, {_locals["next"]});");
    }

    // IAsyncEnumerable: the interface method hands its arguments to a private iterator whose token carries
    // [EnumeratorCancellation], so both the parameter and WithCancellation cancel it.
    private void EmitStream(SourceWriter w, MethodModel method)
    {
        var token = method.CancellationToken ?? _locals["cancellationToken"];
        var values = method.Parameters.Where(p => p.Role == ParameterRole.Value).ToList();
        var arguments = values.Select(p => p.Name).Concat([method.CancellationToken ?? "default"]);
        w.Line($"{Signature(method)} => {method.MemberName}Iterator({string.Join(", ", arguments)});");
        w.Line();
        var parameters = values.Select(p => $"{p.TypeName} {p.Name}")
            .Concat([$"[global::System.Runtime.CompilerServices.EnumeratorCancellation] {Names.CancellationToken} {token}"]);
        w.Open($"private async global::System.Collections.Generic.IAsyncEnumerable<{method.ElementTypeName}> {method.MemberName}Iterator({string.Join(", ", parameters)})");
        EmitPrologue(w, method, token);
        w.Open($"await foreach ({Names.RowSet} {_locals["rows"]} in _session.StreamRowSetsAsync({_locals["statement"]}, null, {token}).ConfigureAwait(false))");
        w.Open($"if ({_locals["rows"]}.Count == 0)");
        w.Line("continue;");
        w.Close();
        w.Line();
        w.Line($"{method.Reader} {_locals["reader"]} = {ReaderFor(method)};");
        w.Open($"for (int {_locals["row"]} = 0; {_locals["row"]} < {_locals["rows"]}.Count; {_locals["row"]}++)");
        w.Line($"{token}.ThrowIfCancellationRequested();");
        w.Line($"yield return {_locals["reader"]}.Read({_locals["rows"]}, {_locals["row"]});");
        w.Close();
        w.Line();
        w.Line($"{_locals["rows"]}.Recycle();");
        w.Close();
        EmitEpilogue(w, method);
        w.Close();
    }

    private static string Binder(MethodModel method) => method.MemberName + "Binder";

    private static string Slot(MethodModel method) => "_" + char.ToLowerInvariant(method.MemberName[0]) + method.MemberName.Substring(1) + "Query";

    // The method's reader for this result's metadata; a scalar reader is told whose result it reads.
    private string ReaderFor(MethodModel method) =>
        $"{Slot(method)}.BindResults({_locals["rows"]}.Columns, static columns => new {method.Reader}(columns"
        + (method.Result!.IsScalar ? ", " + Naming.Literal("the result of " + method.DisplayName) : string.Empty) + "))";
}
