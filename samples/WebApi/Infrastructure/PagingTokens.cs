using System.Security.Cryptography;
using AsyncCassandra;

namespace WebApi.Infrastructure;

/// <summary>
/// The key of the page tokens: <c>Paging:TokenKey</c> (base64 of at least 16 random bytes; every instance behind a
/// load balancer needs the same one, from the secret store). Without one, a random key is made at start-up: tokens
/// then stop working when the app restarts, which the log says.
/// </summary>
public static partial class PagingTokens
{
    public static PagingTokenProtector Create(IServiceProvider services)
    {
        string? configured = services.GetRequiredService<IConfiguration>()["Paging:TokenKey"];
        if (string.IsNullOrWhiteSpace(configured))
        {
            NoKeyConfigured(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PagingTokens)));
            return new PagingTokenProtector(RandomNumberGenerator.GetBytes(32));
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(configured);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException("Paging:TokenKey is not base64; set it to 32 random bytes in base64 (e.g. `openssl rand -base64 32`).");
        }

        return new PagingTokenProtector(key);
    }

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Paging:TokenKey is not set: page tokens use a random key and stop working when the app restarts (set it to 32 random bytes in base64)")]
    private static partial void NoKeyConfigured(ILogger logger);
}
