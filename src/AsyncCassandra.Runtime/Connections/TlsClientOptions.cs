using System.Net.Security;

namespace AsyncCassandra.Connections;

/// <summary>
/// The TLS options of one connection: a copy of the user's <see cref="SslClientAuthenticationOptions"/> with every
/// setting kept (chain policy and CA pinning, client certificate context and selection callback, cipher suites,
/// revocation, ALPN, ...), and only the name to validate filled in when the user left it empty.
/// </summary>
internal static class TlsClientOptions
{
    /// <summary>
    /// The options for a connection to <paramref name="host"/>. The name the server certificate must match is the user's
    /// <see cref="SslClientAuthenticationOptions.TargetHost"/> when set (every node validated against one name), else
    /// the host as the client reached it: a contact point as configured (name or address), a discovered node by the
    /// address the cluster lists.
    /// </summary>
    public static SslClientAuthenticationOptions ForConnection(SslClientAuthenticationOptions user, string host) => new()
    {
        AllowRenegotiation = user.AllowRenegotiation,
        AllowTlsResume = user.AllowTlsResume,
        ApplicationProtocols = user.ApplicationProtocols,
        CertificateChainPolicy = user.CertificateChainPolicy,
        CertificateRevocationCheckMode = user.CertificateRevocationCheckMode,
        CipherSuitesPolicy = user.CipherSuitesPolicy,
        ClientCertificateContext = user.ClientCertificateContext,
        ClientCertificates = user.ClientCertificates,
        EnabledSslProtocols = user.EnabledSslProtocols,
        EncryptionPolicy = user.EncryptionPolicy,
        LocalCertificateSelectionCallback = user.LocalCertificateSelectionCallback,
        RemoteCertificateValidationCallback = user.RemoteCertificateValidationCallback,
        TargetHost = string.IsNullOrEmpty(user.TargetHost) ? host : user.TargetHost,
    };
}
