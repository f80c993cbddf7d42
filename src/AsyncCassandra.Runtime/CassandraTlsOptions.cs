using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace AsyncCassandra;

/// <summary>
/// TLS settings that configuration can hold (file paths and names), for <see cref="CassandraOptions.Tls"/>. For
/// anything beyond them (a certificate store, a selection callback, cipher suites), set
/// <see cref="CassandraOptions.Ssl"/> instead: it is used as given.
/// </summary>
public sealed class CassandraTlsOptions
{
    /// <summary>Connect with TLS. Default false.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// A PEM file of the CA certificate(s) that node certificates must chain to. When set, only these are trusted (the
    /// operating system's store is not consulted): how a private CA is pinned. Null trusts the system's CAs.
    /// </summary>
    public string? CaCertificateFile { get; set; }

    /// <summary>A client certificate for servers that require one (mutual TLS): a PEM certificate (with <see cref="ClientKeyFile"/>) or a PKCS#12 (.pfx/.p12) file.</summary>
    public string? ClientCertificateFile { get; set; }

    /// <summary>The PEM private key of a PEM <see cref="ClientCertificateFile"/>.</summary>
    public string? ClientKeyFile { get; set; }

    /// <summary>The password of a PKCS#12 <see cref="ClientCertificateFile"/>, or of an encrypted PEM key.</summary>
    public string? ClientCertificatePassword { get; set; }

    /// <summary>
    /// The name every node's certificate must match. Null (the default) validates each node against the host the client
    /// connects to: a contact point as configured (a DNS name or an address), a discovered node by the address the
    /// cluster lists, which its certificate must then carry as an IP subject alternative name.
    /// </summary>
    public string? TargetHost { get; set; }

    /// <summary>Check whether node certificates were revoked (online, which needs the CA's revocation endpoint). Default false.</summary>
    public bool CheckCertificateRevocation { get; set; }

    /// <summary>The client options these settings stand for; null when TLS is off. Files are read here: a missing or bad one is an <see cref="ArgumentException"/> naming it.</summary>
    internal SslClientAuthenticationOptions? Build()
    {
        if (!Enabled)
        {
            return null;
        }

        var options = new SslClientAuthenticationOptions
        {
            TargetHost = TargetHost,
            CertificateRevocationCheckMode = CheckCertificateRevocation ? X509RevocationMode.Online : X509RevocationMode.NoCheck,
        };
        if (CaCertificateFile is not null)
        {
            var trust = new X509Certificate2Collection();
            trust.ImportFromPemFile(Existing(CaCertificateFile, nameof(CaCertificateFile)));
            if (trust.Count == 0)
            {
                throw new ArgumentException($"CassandraOptions.Tls.CaCertificateFile '{CaCertificateFile}' holds no PEM certificate.");
            }

            options.CertificateChainPolicy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = options.CertificateRevocationCheckMode };
            options.CertificateChainPolicy.CustomTrustStore.AddRange(trust);
        }

        if (ClientCertificateFile is not null)
        {
            X509Certificate2 client = LoadClientCertificate();
            options.ClientCertificateContext = SslStreamCertificateContext.Create(client, additionalCertificates: null);
        }

        return options;
    }

    private X509Certificate2 LoadClientCertificate()
    {
        string file = Existing(ClientCertificateFile!, nameof(ClientCertificateFile));
        try
        {
            if (file.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".p12", StringComparison.OrdinalIgnoreCase))
            {
                return LoadPkcs12(File.ReadAllBytes(file), ClientCertificatePassword);
            }

            string key = Existing(ClientKeyFile ?? throw new ArgumentException("CassandraOptions.Tls.ClientKeyFile is needed with a PEM ClientCertificateFile."), nameof(ClientKeyFile));
            using X509Certificate2 pem = ClientCertificatePassword is null
                ? X509Certificate2.CreateFromPemFile(file, key)
                : X509Certificate2.CreateFromEncryptedPemFile(file, ClientCertificatePassword, key);
            // Re-imported so that the private key is usable by the TLS stack on every platform.
            return LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            throw new ArgumentException($"CassandraOptions.Tls.ClientCertificateFile '{ClientCertificateFile}' could not be read: {ex.Message}", ex);
        }
    }

    private static X509Certificate2 LoadPkcs12(byte[] data, string? password) =>
#if NET9_0_OR_GREATER
        X509CertificateLoader.LoadPkcs12(data, password);
#else
        new(data, password);
#endif

    private static string Existing(string path, string key) =>
        File.Exists(path) ? path : throw new ArgumentException($"CassandraOptions.Tls.{key} '{path}' does not exist.");
}
