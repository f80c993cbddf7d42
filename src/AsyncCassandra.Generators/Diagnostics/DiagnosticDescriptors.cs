using Microsoft.CodeAnalysis;

namespace AsyncCassandra.Generators.Diagnostics;

/// <summary>
/// Every diagnostic the generator reports. Ids are stable and grouped in ranges: ACQL0001-0099 declarations,
/// ACQL0100-0199 the CQL text, ACQL0200-0299 mapping rows to types, ACQL0300-0399 the schema. An id is never
/// reused once retired. Each has a section in docs/diagnostics.md, which its help link opens, and a line in
/// AnalyzerReleases.Unshipped.md.
/// </summary>
internal static class DiagnosticDescriptors
{
    public const string DeclarationCategory = "AsyncCassandra.Declaration";
    public const string CqlCategory = "AsyncCassandra.Cql";
    public const string MappingCategory = "AsyncCassandra.Mapping";
    public const string SchemaCategory = "AsyncCassandra.Schema";

    // ---- ACQL0001-0099: declarations ----

    /// <summary>{0}: interface.</summary>
    public static readonly DiagnosticDescriptor InterfaceNotPartial = new(
        "ACQL0001",
        "Repository interface must be partial",
        "Interface '{0}' has [CqlQuery] methods but is not partial; add the 'partial' modifier so that its implementation can be generated",
        DeclarationCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: DocumentationLinks.For("ACQL0001"));

    /// <summary>{0}: interface, {1}: containing type.</summary>
    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = new(
        "ACQL0002",
        "Type containing a repository interface must be partial",
        "Interface '{0}' is nested in '{1}', which is not partial; make '{1}' partial or move the interface out of it",
        DeclarationCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: DocumentationLinks.For("ACQL0002"));

    /// <summary>{0}: method, {1}: return type.</summary>
    public static readonly DiagnosticDescriptor UnsupportedReturnType = new(
        "ACQL0003",
        "Unsupported return type",
        "Method '{0}' returns '{1}', which a [CqlQuery] method cannot return; return Task, Task<T>, Task<T?>, Task<IReadOnlyList<T>>, IAsyncEnumerable<T>, Task<CqlPage<T>> or Task<bool>, or the ValueTask forms",
        DeclarationCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: DocumentationLinks.For("ACQL0003"));

    /// <summary>{0}: parameter, {1}: method, {2}: the reason.</summary>
    public static readonly DiagnosticDescriptor UnsupportedParameter = new(
        "ACQL0004",
        "Unsupported parameter",
        "Parameter '{0}' of method '{1}' cannot be bound to a CQL value: {2}",
        DeclarationCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: DocumentationLinks.For("ACQL0004"));

    /// <summary>{0}: method.</summary>
    public static readonly DiagnosticDescriptor CqlNotConstant = new(
        "ACQL0005",
        "CQL text must be a non-empty constant string",
        "The CQL of method '{0}' is not a non-empty constant string; pass a string literal or a const string to [CqlQuery]",
        DeclarationCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: DocumentationLinks.For("ACQL0005"));

    /// <summary>{0}: method, {1}: containing type.</summary>
    public static readonly DiagnosticDescriptor CqlQueryOutsideInterface = new(
        "ACQL0006",
        "[CqlQuery] applies to interface methods only",
        "Method '{0}' is declared in '{1}', which is not an interface; move it to a partial interface to have it generated",
        DeclarationCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: DocumentationLinks.For("ACQL0006"));

    /// <summary>{0}: method.</summary>
    public static readonly DiagnosticDescriptor GenericMethod = new(
        "ACQL0007",
        "Generic repository methods are not supported",
        "Method '{0}' has type parameters; make it non-generic, because row readers and binders are generated for concrete types",
        DeclarationCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: DocumentationLinks.For("ACQL0007"));

    /// <summary>{0}: method.</summary>
    public static readonly DiagnosticDescriptor MethodHasBody = new(
        "ACQL0008",
        "[CqlQuery] method must not have a body",
        "Method '{0}' has a body, which the generated implementation would never run; remove the body or remove [CqlQuery]",
        DeclarationCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: DocumentationLinks.For("ACQL0008"));

    /// <summary>{0}: method.</summary>
    public static readonly DiagnosticDescriptor DuplicateCancellationToken = new(
        "ACQL0009",
        "More than one CancellationToken parameter",
        "Method '{0}' has more than one CancellationToken parameter; keep one",
        DeclarationCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: DocumentationLinks.For("ACQL0009"));

    /// <summary>{0}: option name, {1}: method, {2}: value.</summary>
    public static readonly DiagnosticDescriptor InvalidQueryOption = new(
        "ACQL0010",
        "[CqlQuery] option out of range",
        "{0} of method '{1}' is {2}; it must be greater than zero",
        DeclarationCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: DocumentationLinks.For("ACQL0010"));

    /// <summary>{0}: method.</summary>
    public static readonly DiagnosticDescriptor PageWithoutPagingState = new(
        "ACQL0011",
        "Paged method has no paging-state parameter",
        "Method '{0}' returns Task<CqlPage<T>> but has no 'byte[]? pagingState' parameter, so it can only ever fetch the first page; add the parameter",
        DeclarationCategory,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: DocumentationLinks.For("ACQL0011"));

    /// <summary>{0}: member, {1}: interface, {2}: the reason.</summary>
    public static readonly DiagnosticDescriptor MemberWithoutQuery = new(
        "ACQL0012",
        "Repository interface member has no [CqlQuery]",
        "Member '{0}' of repository interface '{1}' cannot be generated: {2}",
        DeclarationCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: DocumentationLinks.For("ACQL0012"));

    /// <summary>{0}: interface.</summary>
    public static readonly DiagnosticDescriptor GenericInterface = new(
        "ACQL0013",
        "Generic repository interfaces are not supported",
        "Repository interface '{0}' is generic or nested in a generic type; make it non-generic, because its implementation is generated for concrete types",
        DeclarationCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: DocumentationLinks.For("ACQL0013"));

    /// <summary>{0}: method, {1}: the level given.</summary>
    public static readonly DiagnosticDescriptor InvalidSerialConsistency = new(
        "ACQL0014",
        "SerialConsistency must be Serial or LocalSerial",
        "SerialConsistency of method '{0}' is {1}; the Paxos phase of a conditional statement runs at Serial or LocalSerial only",
        DeclarationCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: DocumentationLinks.For("ACQL0014"));

    /// <summary>{0}: interface, {1}: what makes it unreachable.</summary>
    public static readonly DiagnosticDescriptor InterfaceNotReachable = new(
        "ACQL0015",
        "Repository interface must be reachable from its namespace",
        "Repository interface '{0}' {1}, so the implementation generated beside it in another file cannot implement it; make it public or internal, and every type it is nested in public or internal",
        DeclarationCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: DocumentationLinks.For("ACQL0015"));

    // ---- ACQL0100-0199: the CQL text ----

    /// <summary>{0}: method, {1}: what was expected and found.</summary>
    public static readonly DiagnosticDescriptor CqlSyntaxError = new(
        "ACQL0100",
        "CQL syntax error",
        "The CQL of method '{0}' is not valid: {1}",
        CqlCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: DocumentationLinks.For("ACQL0100"));

    /// <summary>{0}: method, {1}: marker count, {2}: value parameter count.</summary>
    public static readonly DiagnosticDescriptor MarkerCountMismatch = new(
        "ACQL0101",
        "Bind marker count does not match the parameters",
        "The CQL of method '{0}' has {1} bind marker(s) but the method has {2} value parameter(s); give one parameter per '?', in order, or use :name markers",
        CqlCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: DocumentationLinks.For("ACQL0101"));

    /// <summary>{0}: marker name, {1}: method.</summary>
    public static readonly DiagnosticDescriptor NamedMarkerWithoutValue = new(
        "ACQL0102",
        "Named marker matches no parameter",
        "Marker ':{0}' of method '{1}' matches no parameter and no member of an entity parameter; add a parameter named '{0}' or rename the marker",
        CqlCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: DocumentationLinks.For("ACQL0102"));

    /// <summary>{0}: parameter, {1}: method.</summary>
    public static readonly DiagnosticDescriptor ParameterNotUsed = new(
        "ACQL0103",
        "Parameter is not used by any bind marker",
        "Parameter '{0}' of method '{1}' is bound to no marker of its CQL; remove the parameter or add a :{0} marker",
        CqlCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: DocumentationLinks.For("ACQL0103"));

    /// <summary>{0}: method.</summary>
    public static readonly DiagnosticDescriptor MixedMarkers = new(
        "ACQL0104",
        "Positional and named markers mixed",
        "The CQL of method '{0}' mixes '?' and ':name' markers; use one style throughout",
        CqlCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: DocumentationLinks.For("ACQL0104"));

    /// <summary>{0}: method, {1}: return type.</summary>
    public static readonly DiagnosticDescriptor ConditionalReturnType = new(
        "ACQL0105",
        "Conditional statement must return Task<bool> or Task",
        "Method '{0}' runs a conditional statement (IF ...) but returns '{1}'; return Task<bool> to learn whether it applied, or Task to ignore that",
        CqlCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: DocumentationLinks.For("ACQL0105"));

    /// <summary>{0}: method, {1}: return type.</summary>
    public static readonly DiagnosticDescriptor SelectWithoutRows = new(
        "ACQL0106",
        "SELECT needs a method that returns rows",
        "Method '{0}' runs a SELECT but returns '{1}', which discards the rows; return Task<T?>, Task<IReadOnlyList<T>>, IAsyncEnumerable<T>, Task<CqlPage<T>> or a scalar Task<T>",
        CqlCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: DocumentationLinks.For("ACQL0106"));

    /// <summary>{0}: method, {1}: statement kind, {2}: return type.</summary>
    public static readonly DiagnosticDescriptor WriteReturnsRows = new(
        "ACQL0107",
        "Statement returns no rows",
        "Method '{0}' runs {1}, which returns no rows, but returns '{2}'; return Task (only a conditional write, with IF, returns something: Task<bool>, whether it applied)",
        CqlCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: DocumentationLinks.For("ACQL0107"));

    /// <summary>{0}: method, {1}: return type.</summary>
    public static readonly DiagnosticDescriptor PageSizeWithoutPaging = new(
        "ACQL0108",
        "PageSize has no effect for this return type",
        "PageSize on method '{0}' has no effect because it returns '{1}'; remove PageSize, or return IAsyncEnumerable<T>, Task<IReadOnlyList<T>> or Task<CqlPage<T>>",
        CqlCategory,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: DocumentationLinks.For("ACQL0108"));

    /// <summary>{0}: method.</summary>
    public static readonly DiagnosticDescriptor UseStatement = new(
        "ACQL0109",
        "USE is not allowed in a repository method",
        "Method '{0}' runs USE, which would switch the keyspace of a pooled connection under other requests; qualify the table (keyspace.table) or connect to the keyspace instead",
        CqlCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: DocumentationLinks.For("ACQL0109"));

    /// <summary>{0}: method, {1}: why the write is not idempotent.</summary>
    public static readonly DiagnosticDescriptor NotIdempotent = new(
        "ACQL0110",
        "Idempotent = true on a write that is not idempotent",
        "Method '{0}' is marked Idempotent = true but {1}, so a retry could apply it twice; remove Idempotent = true",
        CqlCategory,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: DocumentationLinks.For("ACQL0110"));

    /// <summary>{0}: method, {1}: what Cassandra refuses and what to do.</summary>
    public static readonly DiagnosticDescriptor CqlRefused = new(
        "ACQL0111",
        "Cassandra refuses this CQL",
        "The CQL of method '{0}' is valid syntax but Cassandra refuses it: {1}",
        CqlCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: DocumentationLinks.For("ACQL0111"));

    /// <summary>{0}: method, {1}: the construct, {2}: the version it needs, {3}: the targeted version.</summary>
    public static readonly DiagnosticDescriptor NewerThanTarget = new(
        "ACQL0112",
        "CQL construct newer than the targeted Cassandra version",
        "The CQL of method '{0}' uses {1}, which Cassandra reads from version {2} on, but the project targets Cassandra {3} (asynccassandra.cassandra_version); an older server refuses it, so use a construct that version has or raise the target",
        CqlCategory,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: DocumentationLinks.For("ACQL0112"));

    /// <summary>{0}: the option's value.</summary>
    public static readonly DiagnosticDescriptor InvalidTargetVersion = new(
        "ACQL0113",
        "asynccassandra.cassandra_version is not a version",
        "The option asynccassandra.cassandra_version is '{0}', which is not a Cassandra version; write one such as 4.1 or 5.0 (the checker uses 5.0 until then)",
        CqlCategory,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: DocumentationLinks.For("ACQL0113"));

    // ---- ACQL0200-0299: mapping rows to types ----

    /// <summary>{0}: column, {1}: method, {2}: target type.</summary>
    public static readonly DiagnosticDescriptor ColumnWithoutMember = new(
        "ACQL0200",
        "Selected column has no member",
        "Column '{0}' selected by method '{1}' matches no member of '{2}'; add a member (names match ignoring case and underscores), map one with [CqlColumn(\"{0}\")], or stop selecting the column",
        MappingCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: DocumentationLinks.For("ACQL0200"));

    /// <summary>{0}: member, {1}: type, {2}: member type, {3}: column, {4}: CQL type, {5}: suggested .NET type.</summary>
    public static readonly DiagnosticDescriptor MemberTypeMismatch = new(
        "ACQL0201",
        "Member type cannot hold the column",
        "Member '{0}' of '{1}' has type '{2}', which cannot hold column '{3}' of CQL type {4}; use {5}",
        MappingCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: DocumentationLinks.For("ACQL0201"));

    /// <summary>{0}: type, {1}: the reason.</summary>
    public static readonly DiagnosticDescriptor TypeNotConstructible = new(
        "ACQL0202",
        "Result type cannot be constructed",
        "'{0}' cannot be created from a row: {1}; give it an accessible constructor whose parameters match the selected columns, or a parameterless constructor and settable or init members",
        MappingCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: DocumentationLinks.For("ACQL0202"));

    /// <summary>{0}: method.</summary>
    public static readonly DiagnosticDescriptor SelectStarUnchecked = new(
        "ACQL0203",
        "SELECT * cannot be checked without a schema",
        "Method '{0}' uses SELECT *, so its columns are known only at run time; list the columns, or add schema.cql as an AdditionalFiles item so they are checked at compile time",
        MappingCategory,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        helpLinkUri: DocumentationLinks.For("ACQL0203"));

    /// <summary>{0}: constructor parameter, {1}: type, {2}: method.</summary>
    public static readonly DiagnosticDescriptor ConstructorParameterNotSelected = new(
        "ACQL0204",
        "Constructor parameter has no selected column",
        "Constructor parameter '{0}' of '{1}' matches no column selected by method '{2}'; select the column, give the parameter a default value, or map it with [CqlColumn]",
        MappingCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: DocumentationLinks.For("ACQL0204"));

    /// <summary>{0}: method, {1}: scalar type, {2}: selected column count.</summary>
    public static readonly DiagnosticDescriptor ScalarNeedsOneColumn = new(
        "ACQL0205",
        "A scalar result needs exactly one selected column",
        "Method '{0}' returns one '{1}' value per row but its SELECT has {2} columns; select one column, or return a type with a member per column",
        MappingCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: DocumentationLinks.For("ACQL0205"));

    /// <summary>{0}: first column, {1}: second column, {2}: member, {3}: type.</summary>
    public static readonly DiagnosticDescriptor AmbiguousColumnMapping = new(
        "ACQL0206",
        "Two columns map to the same member",
        "Columns '{0}' and '{1}' both map to member '{2}' of '{3}'; alias one of them with AS, or map members explicitly with [CqlColumn]",
        MappingCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: DocumentationLinks.For("ACQL0206"));

    /// <summary>{0}: member, {1}: type, {2}: member type, {3}: the reason.</summary>
    public static readonly DiagnosticDescriptor MemberTypeUnsupported = new(
        "ACQL0207",
        "Member type has no CQL mapping",
        "Member '{0}' of '{1}' has type '{2}', which cannot be read from or written to a column: {3}; change its type or mark it [CqlIgnore]",
        MappingCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: DocumentationLinks.For("ACQL0207"));

    /// <summary>{0}: method, {1}: return type, {2}: what the SELECT selects, {3}: the row type.</summary>
    public static readonly DiagnosticDescriptor RowCollectionNotAList = new(
        "ACQL0208",
        "A collection of rows is returned as IReadOnlyList<T>",
        "Method '{0}' returns '{1}', which reads one column holding a collection of '{3}', but its SELECT {2}; to get every row as a '{3}', return Task<IReadOnlyList<{3}>> (or IAsyncEnumerable<{3}>)",
        MappingCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: DocumentationLinks.For("ACQL0208"));

    /// <summary>{0}: method, {1}: the row type.</summary>
    public static readonly DiagnosticDescriptor JsonRowType = new(
        "ACQL0209",
        "SELECT JSON returns one text column per row",
        "Method '{0}' runs SELECT JSON, which returns each row as one JSON text column ([json]), but reads rows into '{1}', which can never be filled; return string per row (Task<IReadOnlyList<string>>, IAsyncEnumerable<string>, Task<string?>) and deserialize it, or remove JSON to map the columns",
        MappingCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: DocumentationLinks.For("ACQL0209"));

    /// <summary>{0}: column, {1}: method, {2}: member, {3}: type.</summary>
    public static readonly DiagnosticDescriptor MemberCannotBeSet = new(
        "ACQL0210",
        "The member a column matches cannot be set",
        "Column '{0}' selected by method '{1}' matches member '{2}' of '{3}', which cannot receive it: it has no public set or init accessor and the constructor the row is made with has no parameter of that name; make it settable, add it to that constructor, or stop selecting the column",
        MappingCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: DocumentationLinks.For("ACQL0210"));

    // ---- ACQL0300-0399: the schema ----

    /// <summary>{0}: keyspace, {1}: method.</summary>
    public static readonly DiagnosticDescriptor UnknownKeyspace = new(
        "ACQL0300",
        "Keyspace is not in the schema",
        "Keyspace '{0}' used by method '{1}' is not in schema.cql; correct the name or add the keyspace to the schema",
        SchemaCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: DocumentationLinks.For("ACQL0300"));

    /// <summary>{0}: table, {1}: method.</summary>
    public static readonly DiagnosticDescriptor UnknownTable = new(
        "ACQL0301",
        "Table is not in the schema",
        "Table '{0}' used by method '{1}' is not in schema.cql; correct the name (quoted names are case-sensitive) or add its CREATE TABLE to the schema",
        SchemaCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: DocumentationLinks.For("ACQL0301"));

    /// <summary>{0}: column, {1}: table, {2}: method.</summary>
    public static readonly DiagnosticDescriptor UnknownColumn = new(
        "ACQL0302",
        "Column is not in the table",
        "Column '{0}' is not a column of table '{1}' (used by method '{2}'); correct the name (quoted names are case-sensitive) or update schema.cql",
        SchemaCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: DocumentationLinks.For("ACQL0302"));

    /// <summary>{0}: parameter, {1}: .NET type, {2}: marker name, {3}: CQL type, {4}: suggested .NET type.</summary>
    public static readonly DiagnosticDescriptor ParameterTypeMismatch = new(
        "ACQL0303",
        "Parameter type does not match the column",
        "Parameter '{0}' of type '{1}' is bound to '{2}' of CQL type {3}; use {4}",
        SchemaCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: DocumentationLinks.For("ACQL0303"));

    /// <summary>{0}: schema file, {1}: what was expected and found.</summary>
    public static readonly DiagnosticDescriptor SchemaSyntaxError = new(
        "ACQL0304",
        "schema.cql cannot be read",
        "Schema file '{0}' is not valid CQL: {1}; the statement is ignored until it is fixed",
        SchemaCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: DocumentationLinks.For("ACQL0304"));

    /// <summary>{0}: table, {1}: method, {2}: the keyspaces that have it.</summary>
    public static readonly DiagnosticDescriptor AmbiguousTable = new(
        "ACQL0305",
        "Table name is ambiguous",
        "Table '{0}' used by method '{1}' exists in several keyspaces of schema.cql ({2}); qualify it as keyspace.{0}",
        SchemaCategory,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: DocumentationLinks.For("ACQL0305"));

    /// <summary>Every descriptor, in id order.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All { get; } =
    [
        InterfaceNotPartial, ContainingTypeNotPartial, UnsupportedReturnType, UnsupportedParameter, CqlNotConstant,
        CqlQueryOutsideInterface, GenericMethod, MethodHasBody, DuplicateCancellationToken, InvalidQueryOption,
        PageWithoutPagingState, MemberWithoutQuery, GenericInterface, InvalidSerialConsistency, InterfaceNotReachable,
        CqlSyntaxError, MarkerCountMismatch, NamedMarkerWithoutValue, ParameterNotUsed, MixedMarkers,
        ConditionalReturnType, SelectWithoutRows, WriteReturnsRows, PageSizeWithoutPaging, UseStatement, NotIdempotent,
        CqlRefused, NewerThanTarget, InvalidTargetVersion,
        ColumnWithoutMember, MemberTypeMismatch, TypeNotConstructible, SelectStarUnchecked, ConstructorParameterNotSelected,
        ScalarNeedsOneColumn, AmbiguousColumnMapping, MemberTypeUnsupported, RowCollectionNotAList, JsonRowType, MemberCannotBeSet,
        UnknownKeyspace, UnknownTable, UnknownColumn, ParameterTypeMismatch, SchemaSyntaxError, AmbiguousTable,
    ];
}
