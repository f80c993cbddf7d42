namespace AsyncCassandra.Generators.Common;

/// <summary>Combines hash codes; netstandard2.0 has no <c>System.HashCode</c>.</summary>
internal static class HashCombiner
{
    public static int Combine(int seed, int value)
    {
        unchecked
        {
            return (seed * -1521134295) + value;
        }
    }
}
