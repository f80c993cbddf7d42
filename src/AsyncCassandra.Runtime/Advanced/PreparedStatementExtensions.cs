using System.ComponentModel;

namespace AsyncCassandra.Advanced;

/// <summary>Binding values encoded by codecs, without boxing (generated binders).</summary>
[EditorBrowsable(EditorBrowsableState.Advanced)]
public static class PreparedStatementExtensions
{
    /// <summary>
    /// A bound statement whose values are already encoded, one [value] each, in <paramref name="values"/>. The writer must
    /// outlive the execution of the statement, retries included; dispose it afterwards.
    /// </summary>
    /// <param name="prepared">The prepared statement.</param>
    /// <param name="valueCount">How many [value]s the writer holds: one per marker.</param>
    /// <param name="values">The encoded values.</param>
    public static BoundStatement BindEncoded(this PreparedStatement prepared, int valueCount, CqlWriter values)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        return prepared.BindEncoded(valueCount, values);
    }
}
