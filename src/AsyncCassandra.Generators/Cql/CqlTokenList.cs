using AsyncCassandra.Generators.Common;

namespace AsyncCassandra.Generators.Cql;

/// <summary>The tokens of a CQL text (comments and whitespace dropped, ending with <see cref="CqlTokenKind.EndOfText"/>) and the lexer's errors.</summary>
internal sealed record CqlTokenList(EquatableArray<CqlToken> Tokens, EquatableArray<CqlSyntaxError> Errors);
