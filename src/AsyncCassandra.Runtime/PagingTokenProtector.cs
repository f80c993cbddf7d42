using System.Security.Cryptography;
using System.Text;

namespace AsyncCassandra;

/// <summary>
/// Turns a page's paging state (<see cref="RowSet.PagingState"/>, <see cref="CqlPage{T}.PagingState"/>) into an
/// opaque, URL-safe token to hand to a client, and a token the client sends back into the paging state again. Raw
/// paging state is forgeable and readable (it holds the last partition key read): a token is encrypted and
/// authenticated (AES-GCM) with a key the application supplies, and bound to the statement it came from, so a token
/// from another query, or a truncated or altered one, is refused with a <see cref="PagingTokenException"/> instead of
/// reaching the server. Thread-safe; create one per key and share it.
/// </summary>
/// <remarks>
/// A token binds to a scope: the statement's CQL text for the <see cref="Statement"/> overloads, or any string the
/// application chooses. When the values of a query decide what a client may see (another user's partition, say),
/// put them in the scope (<c>$"events:{userId}"</c>) so that a token cannot move between them. Tokens do not expire;
/// rotating the key invalidates every token made with the old one.
/// </remarks>
public sealed class PagingTokenProtector
{
    private const byte Format = 1;
    private const int FingerprintSize = 4;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int HeaderSize = 1 + FingerprintSize + NonceSize;

    /// <summary>The shortest key accepted, in bytes (128 bits); 32 random bytes are recommended.</summary>
    public const int MinimumKeyLength = 16;

    private readonly byte[] _encryptionKey;
    private readonly byte[] _scopeKey;

    /// <summary>Creates a protector from a secret key of at least <see cref="MinimumKeyLength"/> bytes.</summary>
    /// <param name="key">
    /// The secret: random bytes the application keeps in its secret store and shares between its instances (e.g.
    /// <c>RandomNumberGenerator.GetBytes(32)</c>, stored as base64).
    /// </param>
    public PagingTokenProtector(ReadOnlySpan<byte> key)
    {
        if (key.Length < MinimumKeyLength)
        {
            throw new ArgumentException($"A paging token key must have at least {MinimumKeyLength} bytes (it has {key.Length}); use 32 random bytes, e.g. RandomNumberGenerator.GetBytes(32), kept in the application's secret store.", nameof(key));
        }

        if (!AesGcm.IsSupported)
        {
            throw new PlatformNotSupportedException("Paging tokens need AES-GCM, which this platform does not provide.");
        }

        _encryptionKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, key.ToArray(), 32, info: "AsyncCassandra paging token v1: encryption"u8.ToArray());
        _scopeKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, key.ToArray(), 32, info: "AsyncCassandra paging token v1: scope"u8.ToArray());
    }

    /// <summary>The token for a page's paging state, bound to the statement's CQL text; null on the last page.</summary>
    /// <param name="pagingState">The page's paging state; null when it was the last page.</param>
    /// <param name="statement">The statement that produced the page.</param>
    public string? Protect(byte[]? pagingState, Statement statement) => Protect(pagingState, ScopeOf(statement));

    /// <summary>The token for a page's paging state, bound to <paramref name="scope"/>; null on the last page.</summary>
    /// <param name="pagingState">The page's paging state; null when it was the last page.</param>
    /// <param name="scope">What the token is valid for: the query, and the values that select what a client may see.</param>
    public string? Protect(byte[]? pagingState, string scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (pagingState is null)
        {
            return null;
        }

        Span<byte> scopeMac = stackalloc byte[32];
        ScopeMac(scope, scopeMac);
        byte[] token = new byte[HeaderSize + pagingState.Length + TagSize];
        token[0] = Format;
        scopeMac[..FingerprintSize].CopyTo(token.AsSpan(1));
        Span<byte> nonce = token.AsSpan(1 + FingerprintSize, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(_encryptionKey, TagSize))
        {
            aes.Encrypt(nonce, pagingState, token.AsSpan(HeaderSize, pagingState.Length), token.AsSpan(HeaderSize + pagingState.Length), AssociatedData(scopeMac));
        }

        return ToBase64Url(token);
    }

    /// <summary>The paging state in a token the client sent back for this statement; null for no token (the first page).</summary>
    /// <param name="token">The token, as <see cref="Protect(byte[], Statement)"/> made it; null or empty for the first page.</param>
    /// <param name="statement">The statement the client asks the next page of.</param>
    /// <exception cref="PagingTokenException">The token is malformed, belongs to another statement, or was altered.</exception>
    public byte[]? Unprotect(string? token, Statement statement) => Unprotect(token, ScopeOf(statement));

    /// <summary>The paging state in a token the client sent back for this scope; null for no token (the first page).</summary>
    /// <param name="token">The token, as <see cref="Protect(byte[], string)"/> made it; null or empty for the first page.</param>
    /// <param name="scope">The scope the token must have been made for.</param>
    /// <exception cref="PagingTokenException">The token is malformed, belongs to another scope, or was altered.</exception>
    public byte[]? Unprotect(string? token, string scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        byte[] bytes = FromBase64Url(token) ?? throw Refused("is not URL-safe base64", PagingTokenError.Malformed);
        if (bytes.Length < HeaderSize + 1 + TagSize)
        {
            throw Refused("is too short: it was truncated", PagingTokenError.Malformed);
        }

        if (bytes[0] != Format)
        {
            throw Refused($"has an unknown format ({bytes[0]})", PagingTokenError.Malformed);
        }

        Span<byte> scopeMac = stackalloc byte[32];
        ScopeMac(scope, scopeMac);
        if (!CryptographicOperations.FixedTimeEquals(bytes.AsSpan(1, FingerprintSize), scopeMac[..FingerprintSize]))
        {
            throw Refused("belongs to another query", PagingTokenError.OtherStatement);
        }

        int length = bytes.Length - HeaderSize - TagSize;
        byte[] pagingState = new byte[length];
        try
        {
            using var aes = new AesGcm(_encryptionKey, TagSize);
            aes.Decrypt(bytes.AsSpan(1 + FingerprintSize, NonceSize), bytes.AsSpan(HeaderSize, length), bytes.AsSpan(HeaderSize + length), pagingState, AssociatedData(scopeMac));
        }
        catch (AuthenticationTagMismatchException)
        {
            throw Refused("was altered or truncated (or made with another key)", PagingTokenError.Tampered);
        }

        return pagingState;
    }

    private static string ScopeOf(Statement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        return "cql:" + statement;
    }

    private void ScopeMac(string scope, Span<byte> destination) =>
        HMACSHA256.HashData(_scopeKey, Encoding.UTF8.GetBytes(scope), destination);

    private static byte[] AssociatedData(ReadOnlySpan<byte> scopeMac)
    {
        byte[] data = new byte[1 + scopeMac.Length];
        data[0] = Format;
        scopeMac.CopyTo(data.AsSpan(1));
        return data;
    }

    private static PagingTokenException Refused(string what, PagingTokenError reason) =>
        new($"The paging token {what}. Request the first page again (without a token), and pass back only tokens this API returned for the same query.", reason);

    private static string ToBase64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? FromBase64Url(string text)
    {
        foreach (char c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
            {
                return null;
            }
        }

        if (text.Length % 4 == 1)
        {
            return null;
        }

        string padded = text.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (text.Length % 4)) % 4);
        try
        {
            return Convert.FromBase64String(padded);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
