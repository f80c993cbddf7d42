using AsyncCassandra.Generators.Common;
using AsyncCassandra.Generators.Cql;

namespace AsyncCassandra.Generators.Schema;

// CREATE TABLE, ALTER TABLE and CREATE TYPE.
internal sealed partial class SchemaParser
{
    // CREATE TABLE [IF NOT EXISTS] [ks.]t ( definitions ) [WITH ...];
    private void ParseCreateTable()
    {
        var ifNotExists = SkipIfNotExists();
        var (keyspace, nameToken) = ParseQualifiedName("table");
        var name = nameToken.Value;
        Expect(CqlTokenKind.OpenParen, "'('", $"after the table name {name}");

        var columns = new List<(CqlToken Name, CqlTypeRef Type, bool IsStatic)>();
        List<string>? partitionKey = null;
        var clustering = new List<string>();
        CqlToken? keyToken = null;
        do
        {
            if (_cursor.IsWord("PRIMARY"))
            {
                var primary = _cursor.Current;
                _cursor.Advance();
                ExpectWordSchema("KEY", "after PRIMARY");
                RequireSingleKey(keyToken, primary);
                keyToken = primary;
                (partitionKey, clustering) = ParsePrimaryKeyDefinition();
                continue;
            }

            var column = ExpectName("a column name or PRIMARY KEY");
            var type = ExpectType();
            var isStatic = _cursor.TryWord("STATIC");
            if (_cursor.IsWord("PRIMARY"))
            {
                var primary = _cursor.Current;
                _cursor.Advance();
                ExpectWordSchema("KEY", "after PRIMARY");
                RequireSingleKey(keyToken, primary);
                keyToken = primary;
                partitionKey = [column.Value];
            }

            columns.Add((column, type, isStatic));
        }
        while (_cursor.TryConsume(CqlTokenKind.Comma) && !_cursor.Is(CqlTokenKind.CloseParen));

        Expect(CqlTokenKind.CloseParen, "',' or ')'", $"in the definition of table {name}");
        if (partitionKey is null)
        {
            throw Failure($"table {name} has no PRIMARY KEY; add one, e.g. PRIMARY KEY (id)", nameToken);
        }

        var table = BuildTable(keyspace, nameToken, columns, partitionKey, clustering);
        SkipOptions("CREATE TABLE");
        AddTable(KeyspaceNamed(keyspace), table, nameToken, ifNotExists);
    }

    private void RequireSingleKey(CqlToken? previous, CqlToken primary)
    {
        if (previous is not null)
        {
            throw Failure("the table already has a PRIMARY KEY; declare it once", primary);
        }
    }

    // ( pk ) | ( pk, c1, c2 ) | ( (pk1, pk2), c1 ), after PRIMARY KEY.
    private (List<string> PartitionKey, List<string> Clustering) ParsePrimaryKeyDefinition()
    {
        Expect(CqlTokenKind.OpenParen, "'('", "after PRIMARY KEY");
        var partitionKey = new List<string>();
        if (_cursor.TryConsume(CqlTokenKind.OpenParen))
        {
            do
            {
                partitionKey.Add(ExpectName("a partition key column").Value);
            }
            while (_cursor.TryConsume(CqlTokenKind.Comma));

            Expect(CqlTokenKind.CloseParen, "',' or ')'", "in the partition key");
        }
        else
        {
            partitionKey.Add(ExpectName("a partition key column").Value);
        }

        var clustering = new List<string>();
        while (_cursor.TryConsume(CqlTokenKind.Comma))
        {
            clustering.Add(ExpectName("a clustering column").Value);
        }

        Expect(CqlTokenKind.CloseParen, "',' or ')'", "in PRIMARY KEY (...)");
        return (partitionKey, clustering);
    }

    private TableSchema BuildTable(
        string keyspace,
        CqlToken nameToken,
        List<(CqlToken Name, CqlTypeRef Type, bool IsStatic)> columns,
        List<string> partitionKey,
        List<string> clustering)
    {
        var built = new List<ColumnSchema>();
        foreach (var (column, type, isStatic) in columns)
        {
            if (built.Any(c => c.Name == column.Value))
            {
                throw Failure($"column {column.Value} is declared twice", column);
            }

            var kind = partitionKey.Contains(column.Value) ? ColumnKind.PartitionKey
                : clustering.Contains(column.Value) ? ColumnKind.Clustering
                : isStatic ? ColumnKind.Static
                : ColumnKind.Regular;
            built.Add(new ColumnSchema(column.Value, type, kind));
        }

        foreach (var key in partitionKey.Concat(clustering))
        {
            if (!built.Any(c => c.Name == key))
            {
                throw Failure($"the primary key names {key}, which is not a column of {nameToken.Value}", nameToken);
            }
        }

        return new TableSchema(keyspace, nameToken.Value, built.ToEquatableArray(), partitionKey.ToEquatableArray(), clustering.ToEquatableArray());
    }

    private void AddTable(KeyspaceBuilder keyspace, TableSchema table, CqlToken nameToken, bool ifNotExists)
    {
        if (keyspace.Tables.Any(t => t.Name == table.Name))
        {
            if (ifNotExists)
            {
                return;
            }

            throw Failure($"table {table.Name} is already defined; remove the duplicate or use IF NOT EXISTS", nameToken);
        }

        keyspace.Tables.Add(table);
    }

    // ALTER TABLE [ks.]t ADD col type [STATIC] | ADD (col type, ...) | DROP col | DROP (col, ...); others skipped.
    private void ParseAlterTable()
    {
        var (keyspaceName, nameToken) = ParseQualifiedName("table");
        var keyspace = _keyspaces.FirstOrDefault(k => k.Name == keyspaceName);
        var index = keyspace?.Tables.FindIndex(t => t.Name == nameToken.Value) ?? -1;
        if (keyspace is null || index < 0)
        {
            throw Failure($"ALTER TABLE names {nameToken.Value}, which is not defined above it", nameToken);
        }

        var table = keyspace.Tables[index];
        if (_cursor.TryWord("ADD"))
        {
            SkipIfNotExists();
            var parenthesized = _cursor.TryConsume(CqlTokenKind.OpenParen);
            var columns = table.Columns.ToList();
            do
            {
                var column = ExpectName("a column name after ADD");
                var type = ExpectType();
                var kind = _cursor.TryWord("STATIC") ? ColumnKind.Static : ColumnKind.Regular;
                if (columns.Any(c => c.Name == column.Value))
                {
                    throw Failure($"column {column.Value} already exists in {table.Name}", column);
                }

                columns.Add(new ColumnSchema(column.Value, type, kind));
            }
            while (parenthesized && _cursor.TryConsume(CqlTokenKind.Comma));

            if (parenthesized)
            {
                Expect(CqlTokenKind.CloseParen, "',' or ')'", "after the added columns");
            }

            table = table with { Columns = columns.ToEquatableArray() };
        }
        else if (_cursor.TryWord("DROP"))
        {
            SkipIfExists();
            var parenthesized = _cursor.TryConsume(CqlTokenKind.OpenParen);
            var dropped = new List<string>();
            do
            {
                dropped.Add(ExpectName("a column name after DROP").Value);
            }
            while (parenthesized && _cursor.TryConsume(CqlTokenKind.Comma));

            if (parenthesized)
            {
                Expect(CqlTokenKind.CloseParen, "',' or ')'", "after the dropped columns");
            }

            table = table with { Columns = table.Columns.Where(c => !dropped.Contains(c.Name)).ToEquatableArray() };
        }

        keyspace.Tables[index] = table;
        SkipStatement();
    }

    // WITH options are not part of the model; anything else must end the statement.
    private void SkipOptions(string statement)
    {
        if (_cursor.IsWord("WITH"))
        {
            SkipStatement();
            return;
        }

        ExpectEndOfStatement(statement);
    }

    private void SkipIfExists() => _cursor.TryWords("IF", "EXISTS");

    // CREATE TYPE [IF NOT EXISTS] [ks.]name ( field type, ... );
    private void ParseCreateType()
    {
        var ifNotExists = SkipIfNotExists();
        var (keyspaceName, nameToken) = ParseQualifiedName("type");
        Expect(CqlTokenKind.OpenParen, "'('", $"after the type name {nameToken.Value}");
        var fields = new List<FieldSchema>();
        do
        {
            var field = ExpectName("a field name");
            if (fields.Any(f => f.Name == field.Value))
            {
                throw Failure($"field {field.Value} is declared twice", field);
            }

            fields.Add(new FieldSchema(field.Value, ExpectType()));
        }
        while (_cursor.TryConsume(CqlTokenKind.Comma) && !_cursor.Is(CqlTokenKind.CloseParen));

        Expect(CqlTokenKind.CloseParen, "',' or ')'", $"in the definition of type {nameToken.Value}");
        ExpectEndOfStatement("CREATE TYPE");
        var keyspace = KeyspaceNamed(keyspaceName);
        if (keyspace.Types.Any(t => t.Name == nameToken.Value))
        {
            if (ifNotExists)
            {
                return;
            }

            throw Failure($"type {nameToken.Value} is already defined; remove the duplicate or use IF NOT EXISTS", nameToken);
        }

        keyspace.Types.Add(new UserTypeSchema(keyspace.Name, nameToken.Value, fields.ToEquatableArray()));
    }

    private void ExpectWordSchema(string word, string context)
    {
        if (!_cursor.TryWord(word))
        {
            throw Failure($"expected {word} {context}, found {_cursor.Current.Describe()}", _cursor.Current);
        }
    }
}
