namespace AsyncCassandra;

/// <summary>Why <see cref="PagingTokenProtector.Unprotect(string?, string)"/> refused a token.</summary>
public enum PagingTokenError
{
    /// <summary>Not a paging token at all: not URL-safe base64, too short, or of an unknown format.</summary>
    Malformed,

    /// <summary>A valid token, but made for another statement (or scope) than the one it was given back for.</summary>
    OtherStatement,

    /// <summary>The token was altered or truncated (it fails authentication), or was made with another key.</summary>
    Tampered,
}
