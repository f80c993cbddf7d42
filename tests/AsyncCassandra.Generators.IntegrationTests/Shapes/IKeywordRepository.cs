namespace AsyncCassandra.Generators.IntegrationTests.Shapes;

/// <summary>A row whose members are C# keywords.</summary>
/// <param name="Id">The key.</param>
/// <param name="class">Column "class".</param>
/// <param name="event">Column event.</param>
public sealed record Thing(Guid Id, string @class, int @event);

/// <summary>Members named like C# keywords, bound by name and read into.</summary>
public partial interface IKeywordRepository
{
    /// <summary>Writes a thing from its members.</summary>
    [CqlQuery("INSERT INTO shape_things (id, \"class\", event) VALUES (:id, :class, :event)")]
    Task InsertAsync(Thing thing);

    /// <summary>The thing, or null.</summary>
    [CqlQuery("SELECT id, \"class\", event FROM shape_things WHERE id = ?")]
    Task<Thing> GetAsync(Guid id);

    /// <summary>Sets the event.</summary>
    [CqlQuery("UPDATE shape_things SET event = :event WHERE id = :id")]
    Task SetEventAsync(Guid id, int @event);
}
