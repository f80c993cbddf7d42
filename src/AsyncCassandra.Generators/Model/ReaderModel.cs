namespace AsyncCassandra.Generators.Model;

/// <summary>
/// A row reader class: methods whose rows become the same type from the same columns share one (compared by value).
/// </summary>
/// <param name="Name">The class name.</param>
/// <param name="ReturnTypeName">What it reads each row into, fully qualified.</param>
/// <param name="Result">How the columns map.</param>
internal sealed record ReaderModel(string Name, string ReturnTypeName, ResultModel Result);
