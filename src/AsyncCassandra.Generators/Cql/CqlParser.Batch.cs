namespace AsyncCassandra.Generators.Cql;

// BEGIN [UNLOGGED | COUNTER] BATCH [USING ...] (INSERT | UPDATE | DELETE [;])* APPLY BATCH
internal sealed partial class CqlParser
{
    private void ParseBatch()
    {
        _cursor.Advance();
        var counter = _cursor.IsWord("COUNTER");
        var logged = !counter && !_cursor.IsWord("UNLOGGED");
        if (!logged || counter)
        {
            _cursor.Advance();
        }

        ExpectWord("BATCH", counter ? "after BEGIN COUNTER" : logged ? "after BEGIN" : "after BEGIN UNLOGGED");
        _statement = _statement with { IsCounterBatch = counter };
        if (_cursor.IsWord("USING"))
        {
            ParseUsing(allowTtl: true);
            if (_statement.HasTtl)
            {
                Refuse("a BATCH cannot have USING TTL (Cassandra refuses a global TTL); put USING TTL on its statements", _statement.TtlOffset, _statement.TtlOffset + "TTL".Length);
            }
        }

        while (!_cursor.IsWord("APPLY"))
        {
            var token = _cursor.Current;
            var kind = KindOf(token);
            if (kind is not (CqlStatementKind.Insert or CqlStatementKind.Update or CqlStatementKind.Delete))
            {
                throw Failure(
                    token.Kind == CqlTokenKind.EndOfText
                        ? "expected APPLY BATCH to end the BATCH, found the end of the text"
                        : kind == CqlStatementKind.Select
                            ? "a BATCH holds only INSERT, UPDATE and DELETE statements, found SELECT"
                            : $"expected INSERT, UPDATE, DELETE or APPLY BATCH in the BATCH, found {token.Describe()}",
                    token);
            }

            var inner = new CqlParser(_text, _tokens, _cursor, _shared) { _statement = new CqlStatement(kind) };
            inner.ParseModification();
            var statement = inner.BuildOwn();
            CheckBatched(statement, token, counter, logged);
            _statements.Add(statement);
            _columns.AddRange(statement.Columns);
            _cursor.TryConsume(CqlTokenKind.Semicolon);
        }

        _cursor.Advance();
        ExpectWord("BATCH", "after APPLY");
        FinishBatch();
        ExpectEnd("APPLY BATCH");
    }

    // What the server refuses about a statement because it is in this batch.
    private void CheckBatched(CqlStatement statement, CqlToken start, bool counter, bool logged)
    {
        if (statement.IsConditional && _statement.HasTimestamp)
        {
            Refuse("a BATCH with a conditional (IF ...) statement cannot have USING TIMESTAMP (Cassandra gives it the Paxos timestamp); remove USING TIMESTAMP", _statement.TimestampOffset, _statement.TimestampOffset + "TIMESTAMP".Length);
        }

        if (counter && statement.Kind == CqlStatementKind.Insert)
        {
            Refuse("a COUNTER BATCH holds only counter updates, and an INSERT is never one; use BEGIN BATCH or BEGIN UNLOGGED BATCH", start.Start, start.End);
        }

        if (counter && statement.HasTimestamp)
        {
            Refuse("a counter update cannot have USING TIMESTAMP (Cassandra refuses it in a COUNTER BATCH); remove it", statement.TimestampOffset, statement.TimestampOffset + "TIMESTAMP".Length);
        }

        if (logged && statement.IsCounterUpdate)
        {
            Refuse("a counter update cannot be in a logged BATCH; use BEGIN COUNTER BATCH", start.Start, start.End);
        }
    }

    // The batch is conditional when one of its statements is, and a counter update when one of them is.
    private void FinishBatch()
    {
        var statements = _statements.ToArray();
        var condition = statements.FirstOrDefault(s => s.IsConditional)?.Condition ?? CqlConditionKind.None;
        _statement = _statement with
        {
            Condition = condition,
            IsCounterUpdate = statements.Any(s => s.IsCounterUpdate),
        };
        if (_statement.IsCounterBatch && _statement.HasTimestamp)
        {
            Refuse("a COUNTER BATCH cannot have USING TIMESTAMP (Cassandra refuses custom timestamps on counter updates); remove it", _statement.TimestampOffset, _statement.TimestampOffset + "TIMESTAMP".Length);
        }
    }
}
