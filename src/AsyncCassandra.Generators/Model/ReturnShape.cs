namespace AsyncCassandra.Generators.Model;

/// <summary>The result shapes a [CqlQuery] method may return.</summary>
internal enum ReturnShape
{
    /// <summary><c>Task</c> / <c>ValueTask</c>: the result is ignored.</summary>
    None,

    /// <summary><c>Task&lt;T?&gt;</c> / <c>Task&lt;T&gt;</c>: the first row (entity) or the first column of the first row (scalar).</summary>
    First,

    /// <summary><c>Task&lt;IReadOnlyList&lt;T&gt;&gt;</c>: every row of every page.</summary>
    List,

    /// <summary><c>IAsyncEnumerable&lt;T&gt;</c>: every row, page after page, as it arrives.</summary>
    Stream,

    /// <summary><c>Task&lt;CqlPage&lt;T&gt;&gt;</c>: one page and the state of the next.</summary>
    Page,

    /// <summary><c>Task&lt;bool&gt;</c> of a conditional statement: whether it was applied.</summary>
    Applied,
}
