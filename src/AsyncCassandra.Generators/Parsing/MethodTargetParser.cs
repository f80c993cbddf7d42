using AsyncCassandra.Generators.Common;
using AsyncCassandra.Generators.Cql;
using AsyncCassandra.Generators.Diagnostics;
using AsyncCassandra.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncCassandra.Generators.Parsing;

/// <summary>
/// The first pipeline step: reads one [CqlQuery] method's symbols into a <see cref="MethodTarget"/> and reports what
/// can be told from the declaration alone (the interface, the signature, the options, the CQL's syntax).
/// </summary>
internal static partial class MethodTargetParser
{
    public static MethodTarget Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var method = (IMethodSymbol)context.TargetSymbol;
        var syntax = (MethodDeclarationSyntax)context.TargetNode;
        var attribute = context.Attributes[0];
        var location = LocationInfo.From(syntax.Identifier);
        var diagnostics = new List<DiagnosticInfo>();
        var target = new MethodTarget(method.Name) { Location = location };

        var container = method.ContainingType;
        if (container.TypeKind != TypeKind.Interface)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.CqlQueryOutsideInterface, location, method.Name, KnownTypes.Display(container)));
            return target with { Diagnostics = diagnostics.ToEquatableArray() };
        }

        cancellationToken.ThrowIfCancellationRequested();
        var (iface, interfaceDiagnostics) = ReadInterface(container, syntax);
        var members = container.GetMembers();
        var mapping = new MappingContext();

        if (method.IsGenericMethod)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericMethod, location, method.Name));
        }

        if (syntax.Body is not null || syntax.ExpressionBody is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MethodHasBody, location, method.Name));
        }

        var returnModel = ReadReturn(method, mapping);
        var returnLocation = LocationInfo.From(syntax.ReturnType);
        if (returnModel.IsUnsupported && method.ReturnType.TypeKind != TypeKind.Error)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedReturnType, returnLocation, method.Name, KnownTypes.Display(method.ReturnType)));
        }

        var (parameters, parameterLocations) = ReadParameters(method, syntax, returnModel, mapping, diagnostics);
        var options = ReadOptions(method, attribute, diagnostics);

        var (cql, argument) = ReadCql(attribute, cancellationToken);
        var locator = CqlTextLocator.Create(argument, LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken)) ?? location);
        CqlStatement? statement = null;
        if (cql is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.CqlNotConstant, locator.Fallback ?? location, method.Name));
        }
        else
        {
            statement = CqlParser.Parse(cql);
        }

        return target with
        {
            Interface = iface,
            InterfaceDiagnostics = IsFirstQueryMethod(members, method) ? interfaceDiagnostics : EquatableArray<DiagnosticInfo>.Empty,
            Ordinal = members.IndexOf(method, 0, members.Length, SymbolEqualityComparer.Default),
            IsOverloaded = members.Count(m => m.Name == method.Name) > 1,
            Signature = Signature(method, iface.FullName, parameters),
            InterfaceDisplayName = container.Name,
            Parameters = parameters,
            ParameterLocations = parameterLocations,
            Return = returnModel,
            ReturnLocation = returnLocation,
            Options = options,
            Cql = cql,
            Statement = statement,
            Locator = locator,
            Definitions = mapping.Definitions.ToEquatableArray(),
            Diagnostics = diagnostics.ToEquatableArray(),
        };
    }

    private static (string? Cql, ExpressionSyntax? Argument) ReadCql(AttributeData attribute, CancellationToken cancellationToken)
    {
        var argument = (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax)?.ArgumentList?.Arguments
            .FirstOrDefault(a => a.NameEquals is null && (a.NameColon is null || a.NameColon.Name.Identifier.ValueText == "cql"))?.Expression;
        var cql = attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0] is { Kind: not TypedConstantKind.Error, Value: string text } && text.Trim().Length > 0
            ? text
            : null;
        return (cql, argument);
    }

    private static bool IsFirstQueryMethod(IEnumerable<ISymbol> members, IMethodSymbol method) =>
        SymbolEqualityComparer.Default.Equals(
            members.OfType<IMethodSymbol>().FirstOrDefault(m => KnownTypes.HasAttribute(m, KnownTypes.CqlQueryAttribute)),
            method);

    // The explicit implementation's signature: `ReturnType global::Ns.IRepo.Name<T>(Type a, Type b)`.
    private static string Signature(IMethodSymbol method, string interfaceName, EquatableArray<ParameterModel> parameters)
    {
        var typeParameters = method.IsGenericMethod ? "<" + string.Join(", ", method.TypeParameters.Select(t => t.Name)) + ">" : string.Empty;
        var list = string.Join(", ", parameters.Select(p => (p.Modifier.Length > 0 ? p.Modifier + " " : string.Empty) + p.TypeName + " " + p.Name));
        return $"{KnownTypes.FullName(method.ReturnType)} {interfaceName}.{EscapeIdentifier(method.Name)}{typeParameters}({list})";
    }

    public static string EscapeIdentifier(string name) =>
        Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? "@" + name : name;
}
