using AsyncCassandra.Generators.Common;
using AsyncCassandra.Generators.Cql;

namespace AsyncCassandra.Generators.Schema;

/// <summary>
/// The keyspaces, tables and types that a project's schema.cql declares, with structural equality so that an
/// incremental pipeline re-checks queries only when the schema changes. Names are normalized by CQL rules
/// (unquoted lowercased); look names up normalized too (<see cref="CqlIdentifier.Normalize"/>).
/// </summary>
/// <param name="Keyspaces">The keyspaces, in the order first mentioned.</param>
/// <param name="Errors">Syntax errors, located in the schema text; statements with errors are left out.</param>
internal sealed record CqlSchema(EquatableArray<KeyspaceSchema> Keyspaces, EquatableArray<CqlSyntaxError> Errors)
{
    public static readonly CqlSchema Empty = new(EquatableArray<KeyspaceSchema>.Empty, EquatableArray<CqlSyntaxError>.Empty);

    public KeyspaceSchema? FindKeyspace(string name) => Keyspaces.FirstOrDefault(k => k.Name == name);

    /// <summary>
    /// Finds a table. With a <paramref name="keyspace"/>, only there; without one (the session's keyspace is
    /// known only at run time), in any keyspace, which must then be unambiguous.
    /// </summary>
    public TableLookup FindTable(string? keyspace, string table)
    {
        if (keyspace is not null)
        {
            var space = FindKeyspace(keyspace);
            if (space is null)
            {
                return new TableLookup(TableLookupStatus.UnknownKeyspace, null);
            }

            var found = space.FindTable(table);
            return found is null
                ? new TableLookup(TableLookupStatus.UnknownTable, null)
                : new TableLookup(TableLookupStatus.Found, found);
        }

        TableSchema? match = null;
        foreach (var space in Keyspaces)
        {
            if (space.FindTable(table) is { } candidate)
            {
                if (match is not null)
                {
                    return new TableLookup(TableLookupStatus.Ambiguous, null);
                }

                match = candidate;
            }
        }

        return match is null
            ? new TableLookup(TableLookupStatus.UnknownTable, null)
            : new TableLookup(TableLookupStatus.Found, match);
    }

    /// <summary>Finds a user-defined type, in <paramref name="keyspace"/> first and then, when not qualified, anywhere.</summary>
    public UserTypeSchema? FindType(string? keyspace, string name)
    {
        if (keyspace is not null)
        {
            return FindKeyspace(keyspace)?.FindType(name);
        }

        return Keyspaces.Select(k => k.FindType(name)).FirstOrDefault(t => t is not null);
    }
}
