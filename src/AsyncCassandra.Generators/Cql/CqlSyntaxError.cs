namespace AsyncCassandra.Generators.Cql;

/// <summary>A problem found while reading CQL text, located in that text.</summary>
/// <param name="Message">What was expected and what was found, e.g. "expected FROM after the selected columns, found WHERE".</param>
/// <param name="Offset">Offset in the CQL text where the problem starts.</param>
/// <param name="Length">Length of the offending text (0 at the end of the text).</param>
internal sealed record CqlSyntaxError(string Message, int Offset, int Length);
