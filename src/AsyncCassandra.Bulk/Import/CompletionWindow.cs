namespace AsyncCassandra.Bulk.Import;

/// <summary>
/// Records finish out of order (many writes in flight); the window advances over those finished in input order, so
/// the position it reports has every record before it done, and their errors come out in input order.
/// </summary>
internal sealed class CompletionWindow(long offset, long line, long rows, long errors)
{
    private readonly object _lock = new();
    private readonly Dictionary<long, Entry> _pending = [];
    private readonly List<ImportError> _ready = [];
    private long _next;
    private long _watermark;
    private long _offset = offset;
    private long _line = line;
    private long _rows = rows;
    private long _errors = errors;
    private long _failedInFlight;

    private sealed class Entry(long endOffset, long nextLine)
    {
        public long EndOffset { get; } = endOffset;

        public long NextLine { get; } = nextLine;

        public bool Done { get; set; }

        public ImportError? Error { get; set; }
    }

    /// <summary>Rows written and errors reported so far, in flight included (for progress and the error limit).</summary>
    public long Errors => Interlocked.Read(ref _failedInFlight) + Interlocked.Read(ref _errors);

    /// <summary>The input offset every record before is done at (for progress; takes nothing).</summary>
    public long Offset
    {
        get
        {
            lock (_lock)
            {
                return _offset;
            }
        }
    }

    public long Begin(long endOffset, long nextLine)
    {
        lock (_lock)
        {
            long sequence = _next++;
            _pending[sequence] = new Entry(endOffset, nextLine);
            return sequence;
        }
    }

    public void Complete(long sequence, ImportError? error)
    {
        lock (_lock)
        {
            Entry entry = _pending[sequence];
            entry.Done = true;
            entry.Error = error;
            if (error is not null)
            {
                _failedInFlight++;
            }

            while (_pending.TryGetValue(_watermark, out Entry? first) && first.Done)
            {
                _pending.Remove(_watermark++);
                _offset = first.EndOffset;
                _line = first.NextLine;
                if (first.Error is { } failed)
                {
                    _failedInFlight--;
                    _errors++;
                    _ready.Add(failed);
                }
                else
                {
                    _rows++;
                }
            }
        }
    }

    /// <summary>The position every record before is done at, and the errors that became final since the last call (in input order).</summary>
    public (ImportPosition Position, List<ImportError> Errors) Take()
    {
        lock (_lock)
        {
            List<ImportError> errors = [.. _ready];
            _ready.Clear();
            return (new ImportPosition(_offset, _line, _rows, _errors, 0), errors);
        }
    }
}
