using AsyncCassandra.Generators.Common;
using AsyncCassandra.Generators.Diagnostics;
using AsyncCassandra.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncCassandra.Generators.Parsing;

internal static partial class MethodTargetParser
{
    private static ReturnModel ReadReturn(IMethodSymbol method, MappingContext mapping)
    {
        var type = method.ReturnType;
        var typeName = KnownTypes.FullName(type);
        var metadataName = KnownTypes.MetadataName(type);
        switch (metadataName)
        {
            case KnownTypes.Task:
                return new ReturnModel(ReturnShape.None, typeName);
            case KnownTypes.ValueTask:
                return new ReturnModel(ReturnShape.None, typeName) { IsValueTask = true };
            case KnownTypes.AsyncEnumerable:
                return WithElement(new ReturnModel(ReturnShape.Stream, typeName), ((INamedTypeSymbol)type).TypeArguments[0], mapping);
            case KnownTypes.TaskOfT or KnownTypes.ValueTaskOfT:
                var result = ((INamedTypeSymbol)type).TypeArguments[0];
                var isValueTask = metadataName == KnownTypes.ValueTaskOfT;
                var resultName = KnownTypes.MetadataName(result);
                if (resultName == KnownTypes.ReadOnlyList)
                {
                    return WithElement(new ReturnModel(ReturnShape.List, typeName) { IsValueTask = isValueTask }, ((INamedTypeSymbol)result).TypeArguments[0], mapping);
                }

                if (resultName == KnownTypes.CqlPage)
                {
                    return WithElement(new ReturnModel(ReturnShape.Page, typeName) { IsValueTask = isValueTask }, ((INamedTypeSymbol)result).TypeArguments[0], mapping);
                }

                return WithElement(new ReturnModel(ReturnShape.First, typeName) { IsValueTask = isValueTask }, result, mapping);
            default:
                return new ReturnModel(ReturnShape.None, typeName) { IsUnsupported = true };
        }
    }

    private static ReturnModel WithElement(ReturnModel model, ITypeSymbol element, MappingContext mapping)
    {
        var value = TypeMapper.Map(element, mapping);
        var underlying = element is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } wrapper ? wrapper.TypeArguments[0] : element;
        EntityModel? entity = null;
        if (underlying is INamedTypeSymbol named && !named.IsTupleType
            && value.Kind is ValueKind.Udt or ValueKind.Unsupported && EntityMapper.WhyNotMappable(named) is null)
        {
            entity = EntityMapper.Map(named, mapping, 1);
        }

        var nullable = value.IsNullable;
        return model with
        {
            ElementTypeName = KnownTypes.FullName(element),
            ElementDisplayName = KnownTypes.Display(element),
            ElementNullable = nullable,
            ElementValue = value,
            ElementEntity = entity,
        };
    }

    private static (EquatableArray<ParameterModel> Parameters, EquatableArray<LocationInfo> Locations) ReadParameters(
        IMethodSymbol method, MethodDeclarationSyntax syntax, ReturnModel returnModel, MappingContext mapping, List<DiagnosticInfo> diagnostics)
    {
        var parameters = new List<ParameterModel>();
        var locations = new List<LocationInfo>();
        var tokens = 0;
        for (var i = 0; i < method.Parameters.Length; i++)
        {
            var parameter = method.Parameters[i];
            var location = Locations.From(i < syntax.ParameterList.Parameters.Count ? syntax.ParameterList.Parameters[i] : null)
                ?? Locations.From(syntax.Identifier)!;
            locations.Add(location);
            var name = CSharpNames.Escape(parameter.Name);
            var typeName = KnownTypes.FullName(parameter.Type);
            var modifier = CSharpNames.Modifier(parameter.RefKind).TrimEnd();

            if (KnownTypes.Is(parameter.Type, KnownTypes.CancellationToken))
            {
                if (++tokens == 2)
                {
                    diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.DuplicateCancellationToken, location, method.Name));
                }

                parameters.Add(new ParameterModel(name, typeName, ParameterRole.CancellationToken) { Modifier = modifier });
                continue;
            }

            if (returnModel.Shape == ReturnShape.Page && Naming.Loose(parameter.Name) == "pagingstate"
                && parameter.Type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte })
            {
                parameters.Add(new ParameterModel(name, typeName, ParameterRole.PagingState) { Modifier = modifier });
                continue;
            }

            var value = TypeMapper.Map(parameter.Type, mapping);
            EntityModel? entity = null;
            if (value.Kind == ValueKind.Udt && parameter.Type is INamedTypeSymbol named)
            {
                entity = EntityMapper.Map(named, mapping, 1);
            }

            string? invalid = parameter.RefKind != Microsoft.CodeAnalysis.RefKind.None
                ? $"'{modifier}' parameters cannot be bound (generated methods are async); pass it by value"
                : null;
            if (invalid is not null)
            {
                diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.UnsupportedParameter, location, parameter.Name, method.Name, invalid));
            }

            parameters.Add(new ParameterModel(name, typeName, ParameterRole.Value) { Value = value, Entity = entity, Invalid = invalid, Modifier = modifier });
        }

        if (returnModel.Shape == ReturnShape.Page && !parameters.Any(p => p.Role == ParameterRole.PagingState))
        {
            diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.PageWithoutPagingState, Locations.From(syntax.Identifier), method.Name));
        }

        return (parameters.ToEquatableArray(), locations.ToEquatableArray());
    }

    private static QueryOptionsModel ReadOptions(IMethodSymbol method, AttributeData attribute, List<DiagnosticInfo> diagnostics)
    {
        var options = new QueryOptionsModel();
        var syntax = attribute.ApplicationSyntaxReference?.GetSyntax() as AttributeSyntax;
        foreach (var pair in attribute.NamedArguments)
        {
            var value = pair.Value;
            if (value.Kind == TypedConstantKind.Error || value.Value is null)
            {
                continue;
            }

            var location = Locations.From(syntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == pair.Key))
                ?? Locations.From(syntax);
            switch (pair.Key)
            {
                case "Consistency":
                    options = options with { Consistency = EnumMember(value) };
                    break;
                case "SerialConsistency":
                    var serial = EnumMember(value);
                    if (serial is not null and not ("Serial" or "LocalSerial"))
                    {
                        diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.InvalidSerialConsistency, location, method.Name, serial));
                        serial = null;
                    }

                    options = options with { SerialConsistency = serial };
                    break;
                case "Idempotent":
                    options = options with { Idempotent = (bool)value.Value };
                    break;
                case "Tracing":
                    options = options with { Tracing = (bool)value.Value };
                    break;
                case "PageSize" or "TimeoutMs":
                    var number = (int)value.Value;
                    if (number <= 0)
                    {
                        diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.InvalidQueryOption, location, pair.Key, method.Name, number.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    }
                    else
                    {
                        options = pair.Key == "PageSize" ? options with { PageSize = number } : options with { TimeoutMs = number };
                    }

                    break;
            }
        }

        return options;
    }

    // The ConsistencyLevel member with the constant's value; null for the NotSet sentinel or an undefined value.
    private static string? EnumMember(TypedConstant constant) =>
        constant.Type?.GetMembers().OfType<IFieldSymbol>()
            .FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, constant.Value))?.Name;
}
