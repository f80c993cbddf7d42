namespace AsyncCassandra.Generators.Model;

/// <summary>
/// A source location kept as plain values (file, character span, line span) so that a model holding it stays
/// equatable and holds no syntax tree; made from syntax in <c>Parsing.Locations</c> and turned back into a Roslyn
/// location only when a diagnostic is reported (<c>Diagnostics.DiagnosticFactory</c>).
/// </summary>
/// <param name="FilePath">The file.</param>
/// <param name="Start">The first character's offset in the file.</param>
/// <param name="Length">The number of characters.</param>
/// <param name="StartLine">Zero-based line of the start.</param>
/// <param name="StartColumn">Zero-based character of the start in its line.</param>
/// <param name="EndLine">Zero-based line of the end.</param>
/// <param name="EndColumn">Zero-based character of the end in its line.</param>
internal sealed record LocationInfo(string FilePath, int Start, int Length, int StartLine, int StartColumn, int EndLine, int EndColumn);
