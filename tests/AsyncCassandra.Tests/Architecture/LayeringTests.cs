using Mono.Cecil;
using Mono.Cecil.Cil;

namespace AsyncCassandra.Tests.Architecture;

/// <summary>
/// The runtime's layers, checked on the compiled assembly (every type reference in signatures, attributes and method
/// bodies, compiler-generated state machines included): a lower layer never references a higher one. Bottom up:
/// Protocol (frames, messages, type codecs) ← Connections (one socket) ← Cluster (nodes, routing, control
/// connection) ← Pooling (a session's connections per node) ← Execution (the request pipeline) ← the public facade
/// (AsyncCluster, AsyncSession, DI). The CQL vocabulary that every layer speaks (types, columns, consistency, the
/// codec seam of AsyncCassandra.Advanced and the protocol's own error) is defined beside the protocol and may be used
/// everywhere. See docs/architecture.md.
/// </summary>
public sealed class LayeringTests
{
    private static readonly string[] Vocabulary =
    [
        "AsyncCassandra.CqlType", "AsyncCassandra.CqlTypeCode", "AsyncCassandra.CqlDuration", "AsyncCassandra.ColumnDefinition",
        "AsyncCassandra.ColumnDefinitions", "AsyncCassandra.ConsistencyLevel", "AsyncCassandra.Unset", "AsyncCassandra.TypeNames",
        "AsyncCassandra.CassandraException", "AsyncCassandra.ProtocolException", "AsyncCassandra.CompressionAlgorithm",
        "AsyncCassandra.Advanced.CqlWriter", "AsyncCassandra.Advanced.CqlCodec`1", "AsyncCassandra.Advanced.CqlCodecs", "AsyncCassandra.Advanced.ElementReader",
    ];

    private static readonly Lazy<Dictionary<string, HashSet<(string Target, string Via)>>> References = new(ReadReferences);

    public static TheoryData<string, string[]> Rules => new()
    {
        // layer (namespace prefix) → namespaces and public types it must not reference
        { "AsyncCassandra.Protocol", ["AsyncCassandra.Connections", "AsyncCassandra.Cluster", "AsyncCassandra.Pooling", "AsyncCassandra.Execution", "AsyncCassandra (outside the vocabulary)", "AsyncCassandra.Advanced (outside the codec seam)"] },
        { "AsyncCassandra.Connections", ["AsyncCassandra.Cluster", "AsyncCassandra.Pooling", "AsyncCassandra.Execution", "AsyncCassandra.AsyncSession", "AsyncCassandra.AsyncCluster", "AsyncCassandra.RowSet", "AsyncCassandra.Row", "AsyncCassandra.Statement", "AsyncCassandra.SimpleStatement", "AsyncCassandra.BoundStatement", "AsyncCassandra.BatchStatement", "AsyncCassandra.PreparedStatement"] },
        { "AsyncCassandra.Cluster", ["AsyncCassandra.Pooling", "AsyncCassandra.Execution", "AsyncCassandra.AsyncSession", "AsyncCassandra.AsyncCluster"] },
        { "AsyncCassandra.Pooling", ["AsyncCassandra.Execution", "AsyncCassandra.AsyncSession", "AsyncCassandra.AsyncCluster"] },
        { "AsyncCassandra.Execution", ["AsyncCassandra.AsyncSession", "AsyncCassandra.AsyncCluster"] },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void A_layer_does_not_reference_the_layers_above_it(string layer, string[] forbidden)
    {
        Assert.Contains(References.Value.Keys, type => InLayer(type, layer));
        var violations = new List<string>();
        foreach ((string source, HashSet<(string Target, string Via)> targets) in References.Value)
        {
            if (!InLayer(source, layer))
            {
                continue;
            }

            foreach ((string target, string via) in targets)
            {
                if (InLayer(target, layer) || Vocabulary.Contains(target))
                {
                    continue;
                }

                foreach (string rule in forbidden)
                {
                    if (Breaks(target, rule))
                    {
                        violations.Add($"{source} → {target} (in {via})");
                        break;
                    }
                }
            }
        }

        Assert.True(violations.Count == 0, $"{layer} references a higher layer:{Environment.NewLine}{string.Join(Environment.NewLine, violations.Distinct().Order())}");
    }

    [Fact]
    public void The_reference_reader_sees_references_made_only_inside_method_bodies_and_state_machines()
    {
        // The rules above would pass vacuously if IL and compiler-generated types were not read: the request
        // executor reaches the connection pools only inside async method bodies.
        Assert.Contains(References.Value["AsyncCassandra.Execution.RequestExecutor"], r => r.Target == "AsyncCassandra.Pooling.ConnectionPool");
        Assert.Contains(References.Value["AsyncCassandra.Connections.Connection"], r => r.Target == "AsyncCassandra.Protocol.Messages.ResponseReader");
    }

    private static bool InLayer(string type, string layer) => SubNamespaceOf(type, layer);

    private static bool SubNamespaceOf(string type, string layer)
    {
        string ns = Namespace(type);
        return ns == layer || ns.StartsWith(layer + ".", StringComparison.Ordinal);
    }

    private static string Namespace(string type)
    {
        int dot = type.LastIndexOf('.');
        return dot < 0 ? string.Empty : type[..dot];
    }

    private static bool Breaks(string target, string rule)
    {
        if (rule == "AsyncCassandra (outside the vocabulary)")
        {
            return Namespace(target) == "AsyncCassandra";
        }

        if (rule == "AsyncCassandra.Advanced (outside the codec seam)")
        {
            return Namespace(target) == "AsyncCassandra.Advanced";
        }

        return target == rule || SubNamespaceOf(target, rule);
    }

    /// <summary>Per type of the runtime (nested and compiler-generated types count as their outermost type), the runtime types it references.</summary>
    private static Dictionary<string, HashSet<(string Target, string Via)>> ReadReferences()
    {
        string path = typeof(AsyncSession).Assembly.Location;
        using AssemblyDefinition assembly = AssemblyDefinition.ReadAssembly(path);
        ModuleDefinition module = assembly.MainModule;
        var result = new Dictionary<string, HashSet<(string, string)>>(StringComparer.Ordinal);
        foreach (TypeDefinition type in module.GetTypes())
        {
            if (type.Name == "<Module>")
            {
                continue;
            }

            TypeDefinition outer = type;
            while (outer.DeclaringType is not null)
            {
                outer = outer.DeclaringType;
            }

            if (!result.TryGetValue(outer.FullName, out HashSet<(string, string)>? set))
            {
                result[outer.FullName] = set = [];
            }

            Collect(type, module, set);
        }

        return result;
    }

    private static void Collect(TypeDefinition type, ModuleDefinition module, HashSet<(string, string)> into)
    {
        void Add(TypeReference? reference, string via)
        {
            foreach (TypeReference t in Flatten(reference))
            {
                if (t.Scope == module)
                {
                    TypeReference top = t;
                    while (top.DeclaringType is not null)
                    {
                        top = top.DeclaringType;
                    }

                    into.Add((top.FullName, via));
                }
            }
        }

        string name = type.FullName;
        Add(type.BaseType, name + " base type");
        foreach (InterfaceImplementation i in type.Interfaces)
        {
            Add(i.InterfaceType, name + " interface");
        }

        foreach (CustomAttribute attribute in type.CustomAttributes)
        {
            Add(attribute.AttributeType, name + " attribute");
        }

        foreach (FieldDefinition field in type.Fields)
        {
            Add(field.FieldType, $"{name}.{field.Name}");
        }

        foreach (PropertyDefinition property in type.Properties)
        {
            Add(property.PropertyType, $"{name}.{property.Name}");
        }

        foreach (MethodDefinition method in type.Methods)
        {
            string via = $"{name}.{method.Name}";
            Add(method.ReturnType, via);
            foreach (ParameterDefinition parameter in method.Parameters)
            {
                Add(parameter.ParameterType, via);
            }

            foreach (CustomAttribute attribute in method.CustomAttributes)
            {
                Add(attribute.AttributeType, via);
                foreach (CustomAttributeArgument argument in attribute.ConstructorArguments)
                {
                    Add(argument.Value as TypeReference, via);
                }
            }

            if (!method.HasBody)
            {
                continue;
            }

            foreach (VariableDefinition variable in method.Body.Variables)
            {
                Add(variable.VariableType, via);
            }

            foreach (Instruction instruction in method.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case TypeReference t:
                        Add(t, via);
                        break;
                    case MethodReference m:
                        Add(m.DeclaringType, via);
                        Add(m.ReturnType, via);
                        foreach (ParameterDefinition p in m.Parameters)
                        {
                            Add(p.ParameterType, via);
                        }

                        if (m is GenericInstanceMethod generic)
                        {
                            foreach (TypeReference argument in generic.GenericArguments)
                            {
                                Add(argument, via);
                            }
                        }

                        break;
                    case FieldReference f:
                        Add(f.DeclaringType, via);
                        Add(f.FieldType, via);
                        break;
                }
            }
        }
    }

    /// <summary>A type reference and everything inside it: element types of arrays and pointers, generic arguments.</summary>
    private static IEnumerable<TypeReference> Flatten(TypeReference? reference)
    {
        if (reference is null || reference is GenericParameter)
        {
            yield break;
        }

        switch (reference)
        {
            case GenericInstanceType generic:
                foreach (TypeReference t in Flatten(generic.ElementType))
                {
                    yield return t;
                }

                foreach (TypeReference argument in generic.GenericArguments)
                {
                    foreach (TypeReference t in Flatten(argument))
                    {
                        yield return t;
                    }
                }

                break;
            case TypeSpecification specification:
                foreach (TypeReference t in Flatten(specification.ElementType))
                {
                    yield return t;
                }

                break;
            default:
                yield return reference;
                break;
        }
    }
}
