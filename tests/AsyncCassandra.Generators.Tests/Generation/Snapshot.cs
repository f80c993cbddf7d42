using System.Reflection;

namespace AsyncCassandra.Generators.Tests.Generation;

/// <summary>
/// Compares generated source with a reviewed file under Snapshots/. A difference fails the test and writes
/// <c>NAME.received.cs</c> next to <c>NAME.verified.cs</c> to diff and review; setting ACCEPT_SNAPSHOTS=1 accepts it
/// (overwrites the verified file).
/// </summary>
internal static class Snapshot
{
    public static void Verify(string name, string actual)
    {
        var directory = Path.Combine(ProjectDirectory(), "Snapshots");
        var verified = Path.Combine(directory, name + ".verified.cs");
        var received = Path.Combine(directory, name + ".received.cs");
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);

        if (Environment.GetEnvironmentVariable("ACCEPT_SNAPSHOTS") == "1")
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(verified, actual);
            File.Delete(received);
            return;
        }

        var expected = File.Exists(verified) ? File.ReadAllText(verified).Replace("\r\n", "\n", StringComparison.Ordinal) : null;
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        Directory.CreateDirectory(directory);
        File.WriteAllText(received, actual);
        Assert.Fail(expected is null
            ? $"No snapshot {verified}; review {received} and accept it with ACCEPT_SNAPSHOTS=1."
            : $"Generated source differs from {verified} at {FirstDifference(expected, actual)}; review {received} (diff the two) and accept it with ACCEPT_SNAPSHOTS=1.");
    }

    private static string FirstDifference(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var left = i < a.Length ? a[i] : "<end>";
            var right = i < b.Length ? b[i] : "<end>";
            if (left != right)
            {
                return $"line {i + 1}:\n  verified: {left.Trim()}\n  received: {right.Trim()}";
            }
        }

        return "the end";
    }

    /// <summary>
    /// The test project's source directory, recorded by the build. Source paths seen by the compiler
    /// (<c>[CallerFilePath]</c>) are mapped to <c>/_/</c> in CI builds, so they cannot locate the snapshots.
    /// </summary>
    private static string ProjectDirectory()
    {
        foreach (var metadata in typeof(Snapshot).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>())
        {
            if (metadata.Key == "ProjectDirectory" && metadata.Value is { Length: > 0 } value && Directory.Exists(value))
            {
                return value;
            }
        }

        throw new InvalidOperationException("The test assembly does not record an existing ProjectDirectory; build it from its .csproj.");
    }
}
