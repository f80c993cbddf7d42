namespace AsyncCassandra;

/// <summary>Type names as C# code writes them (int, string, List&lt;int&gt;), for error messages.</summary>
internal static class TypeNames
{
    public static string Of(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Of(underlying) + "?";
        }

        if (type.IsArray)
        {
            return Of(type.GetElementType()!) + "[]";
        }

        if (type.IsGenericType)
        {
            string name = type.Name;
            int tick = name.IndexOf('`', StringComparison.Ordinal);
            return (tick > 0 ? name[..tick] : name) + "<" + string.Join(", ", type.GetGenericArguments().Select(Of)) + ">";
        }

        return Type.GetTypeCode(type) switch
        {
            TypeCode.Int32 => "int",
            TypeCode.Int64 => "long",
            TypeCode.Int16 => "short",
            TypeCode.SByte => "sbyte",
            TypeCode.Byte => "byte",
            TypeCode.Boolean => "bool",
            TypeCode.String => "string",
            TypeCode.Double => "double",
            TypeCode.Single => "float",
            TypeCode.Decimal => "decimal",
            _ => type == typeof(object) ? "object" : type.Name,
        };
    }
}
