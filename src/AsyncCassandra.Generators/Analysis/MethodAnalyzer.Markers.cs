using AsyncCassandra.Generators.Common;
using AsyncCassandra.Generators.Cql;
using AsyncCassandra.Generators.Diagnostics;
using AsyncCassandra.Generators.Model;

namespace AsyncCassandra.Generators.Analysis;

internal sealed partial class MethodAnalyzer
{
    /// <summary>
    /// One value per marker, in marker order. Positional <c>?</c> take the value parameters in order; named
    /// <c>:name</c> take the parameter of that name, or the member of that name of an entity parameter (ignoring
    /// case and underscores).
    /// </summary>
    private (EquatableArray<BoundValueModel> Values, EquatableArray<string> Entities) BindMarkers()
    {
        var markers = _statement.Markers;
        var parameters = _target.Parameters.Select((p, i) => (Parameter: p, Index: i)).Where(p => p.Parameter.Role == ParameterRole.Value).ToList();
        var values = new List<BoundValueModel>();
        var entities = new List<string>();
        var style = _statement.MarkerStyle;

        if (style == CqlMarkerStyle.Mixed)
        {
            var first = markers[0].IsNamed;
            var odd = markers.First(m => m.IsNamed != first);
            Report(DiagnosticDescriptors.MixedMarkers, LocateMarker(odd), _target.Name);
            return default;
        }

        if (style != CqlMarkerStyle.Named)
        {
            if (parameters.Count != markers.Count)
            {
                Report(DiagnosticDescriptors.MarkerCountMismatch, _locator.Locate(0, _target.Cql!.Length), _target.Name,
                    markers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
                return default;
            }

            for (var i = 0; i < markers.Count; i++)
            {
                var (parameter, index) = parameters[i];
                if (BindParameter(markers[i], parameter, index) is { } value)
                {
                    values.Add(value);
                }
            }

            return (values.ToEquatableArray(), EquatableArray<string>.Empty);
        }

        var used = new bool[parameters.Count];
        var markerNames = new HashSet<string>(markers.Select(m => Naming.Loose(m.Name)), StringComparer.Ordinal);
        foreach (var marker in markers)
        {
            var key = Naming.Loose(marker.Name);
            var position = parameters.FindIndex(p => Naming.Loose(p.Parameter.PlainName) == key);
            if (position >= 0)
            {
                used[position] = true;
                if (BindParameter(marker, parameters[position].Parameter, parameters[position].Index) is { } value)
                {
                    values.Add(value);
                }

                continue;
            }

            var bound = false;
            for (var p = 0; p < parameters.Count && !bound; p++)
            {
                var (parameter, _) = parameters[p];
                if (parameter.Entity is not { } entity || markerNames.Contains(Naming.Loose(parameter.PlainName)))
                {
                    continue;
                }

                var member = entity.FindMember(marker.Name, m => m.GetterName is not null);
                if (member < 0)
                {
                    continue;
                }

                used[p] = true;
                bound = true;
                if (!entities.Contains(parameter.Name))
                {
                    entities.Add(parameter.Name);
                }

                if (BindMember(marker, parameter, entity, entity.Members[member]) is { } value)
                {
                    values.Add(value);
                }
            }

            if (!bound)
            {
                Report(DiagnosticDescriptors.NamedMarkerWithoutValue, LocateMarker(marker), marker.Name, _target.Name);
            }
        }

        for (var p = 0; p < parameters.Count; p++)
        {
            if (!used[p])
            {
                Report(DiagnosticDescriptors.ParameterNotUsed, ParameterLocation(parameters[p].Index), parameters[p].Parameter.PlainName, _target.Name);
            }
        }

        return (values.ToEquatableArray(), entities.ToEquatableArray());
    }

    private BoundValueModel? BindParameter(CqlBindMarker marker, ParameterModel parameter, int index)
    {
        if (parameter.Invalid is not null || parameter.Value is null)
        {
            return null;
        }

        var value = parameter.Value;
        if (value.Kind == ValueKind.Unsupported)
        {
            Report(DiagnosticDescriptors.UnsupportedParameter, ParameterLocation(index), parameter.PlainName, _target.Name, $"'{value.DisplayName}' has no CQL type ({value.Unsupported})");
            return null;
        }

        var resolved = ResolveMarker(marker, value, parameter.PlainName, ParameterLocation(index));
        return resolved is null ? null : new BoundValueModel(parameter.Name, resolved, $"parameter '{parameter.PlainName}' of {_displayName}");
    }

    private BoundValueModel? BindMember(CqlBindMarker marker, ParameterModel parameter, EntityModel entity, MemberModel member)
    {
        if (member.Value.Kind == ValueKind.Unsupported)
        {
            Report(DiagnosticDescriptors.MemberTypeUnsupported, LocateMarker(marker), member.Name, entity.DisplayName, member.Value.DisplayName, member.Value.Unsupported ?? "it has no CQL type");
            return null;
        }

        var resolved = ResolveMarker(marker, member.Value, parameter.PlainName + "." + member.Name, LocateMarker(marker));
        return resolved is null ? null : new BoundValueModel(parameter.Name + "." + Parsing.CSharpNames.Escape(member.GetterName!), resolved, $"{entity.DisplayName}.{member.Name} of {_displayName}");
    }

    // Checks the value against the marker's CQL type when known, and settles its codec.
    private ValueModel? ResolveMarker(CqlBindMarker marker, ValueModel value, string name, LocationInfo? parameterLocation)
    {
        var expected = ExpectedType(marker);
        if (expected is null)
        {
            if (marker.Role == CqlMarkerRole.InList && value.Kind != ValueKind.Collection)
            {
                Report(DiagnosticDescriptors.UnsupportedParameter, parameterLocation, name, _target.Name, $"'{marker.Name} IN ?' takes a collection of values, such as IEnumerable<{value.DisplayName}>");
                return null;
            }

            return value;
        }

        var resolved = _types.Resolve(value, expected);
        if (resolved is null)
        {
            var markerName = marker.IsNamed ? ":" + marker.Name : marker.Name;
            Report(DiagnosticDescriptors.ParameterTypeMismatch, LocateMarker(marker), name, value.DisplayName, markerName, expected.ToString(), TypeCompatibility.Suggest(expected));
        }

        return resolved;
    }

    private LocationInfo? ParameterLocation(int index) =>
        index < _target.ParameterLocations.Count ? _target.ParameterLocations[index] : _target.Location;
}
