using AsyncCassandra.Generators.Model;

namespace AsyncCassandra.Generators.Emitting;

/// <summary>Writes the codec classes and static codec fields a generated file uses (see <see cref="CodecCatalog"/>).</summary>
internal static class CodecEmitter
{
    public static void Emit(SourceWriter writer, CodecCatalog catalog)
    {
        // Emitting a codec class may need more codecs (a UDT's members), so repeat until nothing new appears.
        var done = new HashSet<string>(StringComparer.Ordinal);
        var classes = new SourceWriter();
        while (true)
        {
            var pending = catalog.Udts.Select(u => (u.Name, Emit: (Action)(() => EmitUdt(classes, catalog, u))))
                .Concat(catalog.Tuples.Select(t => (t.Name, Emit: (Action)(() => EmitTuple(classes, catalog, t)))))
                .Concat(catalog.Enums.Select(e => (e.Name, Emit: (Action)(() => EmitEnum(classes, e)))))
                .Where(c => !done.Contains(c.Name))
                .ToList();
            if (pending.Count == 0)
            {
                break;
            }

            foreach (var (name, emit) in pending.OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                done.Add(name);
                classes.Line();
                emit();
            }
        }

        if (catalog.Fields.Count > 0)
        {
            writer.Line();
            writer.Line(Names.GeneratedCode);
            writer.Open($"file static class {catalog.CodecsClass}");
            foreach (var (name, type, initializer) in catalog.Fields)
            {
                writer.Line($"internal static readonly {type} {name} = {initializer};");
            }

            writer.Close();
        }

        writer.Append(classes);
    }

    private static void EmitEnum(SourceWriter w, CodecCatalog.EnumCodec codec)
    {
        var definition = codec.Definition;
        var native = definition?.EnumNative ?? "Int32";
        var number = definition?.EnumNumberType ?? "int";
        var members = definition?.EnumMembers.ToList() ?? [];
        w.Line(Names.GeneratedCode);
        w.Open($"file sealed class {codec.Name} : {Names.Codec}<{codec.Type}>");
        w.Line($"public static readonly {codec.Name} Instance = new {codec.Name}();");
        w.Line();
        if (!codec.AsText)
        {
            w.Line($"public override {codec.Type} Read({Names.Span} value) => ({codec.Type}){Names.Codecs}.{native}.Read(value);");
            w.Line();
            w.Line($"public override void Write({codec.Type} value, {Names.Writer} writer) => {Names.Codecs}.{native}.Write(({number})value, writer);");
            w.Line();
            w.Line($"public override bool Accepts({Names.CqlType} type) => {Names.Codecs}.{native}.Accepts(type);");
            w.Close();
            return;
        }

        w.Open($"public override {codec.Type} Read({Names.Span} value)");
        w.Line($"string text = {Names.Codecs}.String.Read(value);");
        w.Open("switch (text)");
        foreach (var member in members)
        {
            w.Line($"case {Naming.Literal(member)}: return {codec.Type}.{ValueCode.Id(member)};");
        }

        w.Close();
        foreach (var member in members)
        {
            w.Open($"if (string.Equals(text, {Naming.Literal(member)}, global::System.StringComparison.OrdinalIgnoreCase))");
            w.Line($"return {codec.Type}.{ValueCode.Id(member)};");
            w.Close();
        }

        w.Line($"return {number}.TryParse(text, global::System.Globalization.NumberStyles.Integer, global::System.Globalization.CultureInfo.InvariantCulture, out {number} number)");
        w.Indent().Line($"? ({codec.Type})number");
        w.Line($": throw new {Names.InvalidCast}(\"'\" + text + \"' is not a member of {Names.Short(codec.Type)}.\");").Unindent();
        w.Close();
        w.Line();
        w.Open($"public override void Write({codec.Type} value, {Names.Writer} writer)");
        foreach (var member in members)
        {
            w.Open($"if (value == {codec.Type}.{ValueCode.Id(member)})");
            w.Line($"{Names.Codecs}.String.Write({Naming.Literal(member)}, writer);");
            w.Line("return;");
            w.Close();
        }

        w.Line($"{Names.Codecs}.String.Write((({number})value).ToString(global::System.Globalization.CultureInfo.InvariantCulture), writer);");
        w.Close();
        w.Line();
        w.Line($"public override bool Accepts({Names.CqlType} type) => {Names.Codecs}.String.Accepts(type);");
        w.Close();
    }

    private static void EmitTuple(SourceWriter w, CodecCatalog catalog, CodecCatalog.TupleCodec codec)
    {
        var components = codec.Value.Arguments;
        w.Line(Names.GeneratedCode);
        w.Open($"file sealed class {codec.Name} : {Names.Codec}<{codec.Type}>");
        for (var i = 0; i < components.Count; i++)
        {
            w.Line($"private readonly {Names.Codec}<{catalog.CodecType(components[i])}> _c{i};");
        }

        w.Line();
        var parameters = string.Join(", ", components.Select((c, i) => $"{Names.Codec}<{catalog.CodecType(c)}> c{i}"));
        w.Open($"public {codec.Name}({parameters})");
        for (var i = 0; i < components.Count; i++)
        {
            w.Line($"_c{i} = c{i};");
        }

        w.Close();
        w.Line();
        w.Open($"public override {codec.Type} Read({Names.Span} value)");
        w.Line($"{Names.ElementReader} reader = new {Names.ElementReader}(value);");
        w.Line($"{Names.Span} element;");
        for (var i = 0; i < components.Count; i++)
        {
            var component = components[i];
            var error = $"new {Names.InvalidCast}(\"Element {i + 1} of a tuple is null, but {Names.Short(codec.Type)} cannot hold null there.\")";
            var type = catalog.CodecType(component) + (component.IsNullable ? "?" : string.Empty);
            w.Line($"{type} item{i} = !reader.AtEnd && reader.ReadElement(\"tuple\", out element) ? _c{i}.Read(element) : {ValueCode.NullFallback(component, error)};");
        }

        w.Line("return (" + string.Join(", ", components.Select((_, i) => "item" + i)) + ");");
        w.Close();
        w.Line();
        w.Open($"public override void Write({codec.Type} value, {Names.Writer} writer)");
        for (var i = 0; i < components.Count; i++)
        {
            var component = components[i];
            w.Line(component.IsNullableValueType
                ? $"{Names.Binding}.WriteNullable(_c{i}, value.Item{i + 1}, writer);"
                : $"_c{i}.WriteValue(value.Item{i + 1}, writer);");
        }

        w.Close();
        w.Line();
        var accepts = string.Join(" && ", components.Select((_, i) => $"_c{i}.Accepts(type.Arguments[{i}])"));
        w.Line($"public override bool Accepts({Names.CqlType} type) => type.Code == {Names.TypeCode}.Tuple && type.Arguments.Count == {components.Count} && {accepts};");
        w.Close();
    }

    private static void EmitUdt(SourceWriter w, CodecCatalog catalog, CodecCatalog.UdtCodec codec)
    {
        var entity = codec.Entity ?? new EntityModel(codec.Type, Names.Short(codec.Type));
        var members = entity.Members.Select((m, i) => (Member: m, Index: i))
            .Where(m => !m.Member.Ignored && m.Member.Value.Kind != ValueKind.Unsupported && (m.Member.CanReceive || m.Member.GetterName is not null))
            .ToList();
        var display = entity.DisplayName;
        w.Line(Names.GeneratedCode);
        w.Open($"file sealed class {codec.Name} : {Names.Codec}<{codec.Type}>");
        w.Line("private static readonly string[] s_members = new string[] { " + string.Join(", ", members.Select(m => Naming.Literal(m.Member.CqlName))) + " };");
        w.Line("private readonly int[] _fields;");
        for (var k = 0; k < members.Count; k++)
        {
            if (members[k].Member.Value.NeedsServerType)
            {
                w.Line($"private readonly {Names.Codec}<{catalog.CodecType(members[k].Member.Value)}> _m{k};");
            }
        }

        w.Line();
        w.Open($"public {codec.Name}({Names.CqlType} type)");
        w.Line($"_fields = {Names.Binding}.UdtFields(type, s_members, {Naming.Literal(display)});");
        string CodecOf(int k) => members[k].Member.Value.NeedsServerType ? "_m" + k : catalog.Expression(members[k].Member.Value, null);

        // Each field's type is checked against its member's codec: a mismatch would write another type's bytes.
        for (var k = 0; k < members.Count; k++)
        {
            var member = members[k].Member;
            if (member.Value.NeedsServerType)
            {
                w.Line($"int field{k} = {Names.Binding}.FieldOf(_fields, {k});");
                w.Line($"_m{k} = field{k} < 0 ? null! : {catalog.Expression(member.Value, $"type.Arguments[field{k}]")};");
            }

            w.Line($"{Names.Binding}.CheckField(type, _fields, {k}, {CodecOf(k)}, {Naming.Literal(display + "." + member.Name)}, {Naming.Literal(member.Value.DisplayName)});");
        }

        w.Close();
        w.Line();

        w.Open($"public override {codec.Type} Read({Names.Span} value)");
        w.Line($"{Names.ElementReader} reader = new {Names.ElementReader}(value);");
        w.Line($"{Names.Span} element;");
        var receiving = members.Select((m, k) => (m.Member, m.Index, K: k)).Where(m => m.Member.CanReceive).ToList();
        foreach (var (member, _, k) in receiving)
        {
            w.Line($"{member.Value.DeclaredName} m{k} = {ValueCode.Initial(member.Value)};");
        }

        w.Open("for (int i = 0; i < _fields.Length && !reader.AtEnd; i++)");
        w.Line($"bool present = reader.ReadElement({Naming.Literal(display)}, out element);");
        w.Open("switch (_fields[i])");
        foreach (var (member, _, k) in receiving)
        {
            var error = $"{Names.Binding}.NullField({Naming.Literal(display)}, {Naming.Literal(member.CqlName)}, {Naming.Literal(display + "." + member.Name)}, {Naming.Literal(member.Value.DisplayName)})";
            w.Line($"case {k}:");
            w.Indent();
            w.Line($"m{k} = present ? {ValueCode.Read(catalog, member.Value, CodecOf(k), "element")} : {ValueCode.NullFallback(member.Value, error)};");
            w.Line("break;");
            w.Unindent();
        }

        w.Line("default:");
        w.Indent().Line("break;").Unindent();
        w.Close();
        w.Close();
        var locals = receiving.ToDictionary(r => r.Index, r => "m" + r.K);
        ValueCode.Construct(w, entity, "result", i => locals.TryGetValue(i, out var local) ? local : null, _ => false);
        w.Line("return result;");
        w.Close();
        w.Line();
        w.Open($"public override void Write({codec.Type} value, {Names.Writer} writer)");
        w.Open("for (int i = 0; i < _fields.Length; i++)");
        w.Open("switch (_fields[i])");
        for (var k = 0; k < members.Count; k++)
        {
            var member = members[k].Member;
            if (member.GetterName is null)
            {
                continue;
            }

            w.Line($"case {k}:");
            w.Indent();
            w.Line(ValueCode.Write(catalog, member.Value, CodecOf(k), "value." + ValueCode.Id(member.GetterName), "writer"));
            w.Line("break;");
            w.Unindent();
        }

        w.Line("default:");
        w.Indent().Line("writer.WriteNullValue();").Line("break;").Unindent();
        w.Close();
        w.Close();
        w.Close();
        w.Line();
        w.Line($"public override bool Accepts({Names.CqlType} type) => type.Code == {Names.TypeCode}.Udt;");
        w.Close();
    }
}
