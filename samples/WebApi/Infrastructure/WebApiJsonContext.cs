using System.Text.Json;
using System.Text.Json.Serialization;
using WebApi.Users;

namespace WebApi.Infrastructure;

/// <summary>The JSON contracts, source-generated (trimming and AOT safe), camelCase as the web defaults say.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(User))]
[JsonSerializable(typeof(UserInput))]
[JsonSerializable(typeof(UserPage))]
internal sealed partial class WebApiJsonContext : JsonSerializerContext;
