using AsyncCassandra.Generators.Common;
using AsyncCassandra.Generators.Cql;
using AsyncCassandra.Generators.Diagnostics;
using AsyncCassandra.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncCassandra.Generators.Parsing;

/// <summary>
/// Reads one [CqlQuery] method of a repository interface from its own symbols into a <see cref="MethodTarget"/>,
/// reporting what can be told from the declaration alone (the signature, the options, the CQL's syntax). The CQL is
/// lexed and parsed here, once.
/// </summary>
internal static partial class MethodTargetParser
{
    public static MethodTarget Parse(IMethodSymbol method, MethodDeclarationSyntax syntax, AttributeData attribute, int ordinal, bool isOverloaded, CancellationToken cancellationToken)
    {
        var location = Locations.From(syntax.Identifier);
        var diagnostics = new List<DiagnosticInfo>();
        var mapping = new MappingContext();

        if (method.IsGenericMethod)
        {
            diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.GenericMethod, location, method.Name));
        }

        if (syntax.Body is not null || syntax.ExpressionBody is not null)
        {
            diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.MethodHasBody, location, method.Name));
        }

        var returnModel = ReadReturn(method, mapping);
        var returnLocation = Locations.From(syntax.ReturnType);
        if (returnModel.IsUnsupported && method.ReturnType.TypeKind != TypeKind.Error)
        {
            diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.UnsupportedReturnType, returnLocation, method.Name, KnownTypes.Display(method.ReturnType)));
        }

        var (parameters, parameterLocations) = ReadParameters(method, syntax, returnModel, mapping, diagnostics);
        var options = ReadOptions(method, attribute, diagnostics);

        var (cql, argument) = ReadCql(attribute, cancellationToken);
        var locator = CqlLiteralLocator.Create(argument, Locations.From(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken)) ?? location);
        CqlStatement? statement = null;
        if (cql is null)
        {
            diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.CqlNotConstant, locator.Fallback ?? location, method.Name));
        }
        else
        {
            statement = CqlParser.Parse(cql);
        }

        return new MethodTarget(method.Name)
        {
            Location = location,
            Ordinal = ordinal,
            IsOverloaded = isOverloaded,
            TypeParameters = method.TypeParameters.Select(t => t.Name).ToEquatableArray(),
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
}
