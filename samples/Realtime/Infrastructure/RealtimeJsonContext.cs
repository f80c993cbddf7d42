using System.Text.Json;
using System.Text.Json.Serialization;
using Realtime.Dashboard;

namespace Realtime.Infrastructure;

/// <summary>The JSON of the server-sent events, source-generated (trimming and AOT safe), camelCase.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(DashboardSnapshot))]
internal sealed partial class RealtimeJsonContext : JsonSerializerContext;
