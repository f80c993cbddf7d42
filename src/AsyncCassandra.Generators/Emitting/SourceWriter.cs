using System.Text;

namespace AsyncCassandra.Generators.Emitting;

/// <summary>Writes C# source line by line with four-space indentation and '\n' line ends.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _builder = new();
    private int _indent;

    public SourceWriter Line(string text = "")
    {
        if (text.Length > 0)
        {
            _builder.Append(' ', _indent * 4);
        }

        _builder.Append(text).Append('\n');
        return this;
    }

    /// <summary>Writes an opening brace and indents.</summary>
    public SourceWriter Open(string? header = null)
    {
        if (header is not null)
        {
            Line(header);
        }

        Line("{");
        _indent++;
        return this;
    }

    /// <summary>Unindents and writes a closing brace (with a suffix such as ';').</summary>
    public SourceWriter Close(string suffix = "")
    {
        _indent--;
        return Line("}" + suffix);
    }

    public SourceWriter Indent()
    {
        _indent++;
        return this;
    }

    public SourceWriter Unindent()
    {
        _indent--;
        return this;
    }

    /// <summary>Appends text written by another writer, indented to the current level.</summary>
    public SourceWriter Append(SourceWriter other)
    {
        foreach (var line in other.ToString().Split('\n'))
        {
            if (line.Length > 0)
            {
                _builder.Append(' ', _indent * 4).Append(line);
            }

            _builder.Append('\n');
        }

        // Split leaves one empty entry after the final '\n'.
        _builder.Length--;
        return this;
    }

    public override string ToString() => _builder.ToString();
}
