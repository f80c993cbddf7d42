using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Reflection;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AsyncCassandra.Cluster;
using AsyncCassandra.Connections;
using Microsoft.Extensions.Logging.Abstractions;

namespace AsyncCassandra.Tests.Connections;

/// <summary>
/// TLS settings reach every connection whole: a private CA pinned with CustomRootTrust is the only trust (a certificate
/// from another CA is refused even though the chain is otherwise valid), a client certificate given through
/// ClientCertificateContext is presented to a server that requires one, and the configuration form
/// (CassandraOptions.Tls: CA file, client certificate files) builds the same. A loopback TLS server speaking v3.
/// </summary>
public sealed class TlsTests : IDisposable
{
    private readonly Pki _trusted = new("AsyncCassandra test CA");
    private readonly Pki _other = new("Some other CA");
    private readonly string _directory = Directory.CreateTempSubdirectory("ac-tls-").FullName;

    [Fact]
    public async Task A_node_certificate_from_the_pinned_private_CA_is_accepted()
    {
        await using var server = new TlsNode(_trusted.Issue("localhost"), requireClientCertificate: false);
        var ssl = new SslClientAuthenticationOptions { TargetHost = "localhost", CertificateChainPolicy = Pinned(_trusted.Ca) };

        await using Connection connection = await Connection.OpenAsync("127.0.0.1", server.Port, 3, null, Settings(ssl), CancellationToken.None);
        Assert.False(connection.IsClosed);
    }

    [Fact]
    public async Task A_node_certificate_from_another_CA_is_refused_when_a_CA_is_pinned()
    {
        await using var server = new TlsNode(_other.Issue("localhost"), requireClientCertificate: false);
        var ssl = new SslClientAuthenticationOptions { TargetHost = "localhost", CertificateChainPolicy = Pinned(_trusted.Ca) };

        var error = await Assert.ThrowsAsync<ConnectionException>(() => Connection.OpenAsync("127.0.0.1", server.Port, 3, null, Settings(ssl), CancellationToken.None));
        Assert.Contains("TLS handshake", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_requires_a_client_certificate_accepts_one_given_through_ClientCertificateContext()
    {
        await using var server = new TlsNode(_trusted.Issue("localhost"), requireClientCertificate: true, clientCa: _trusted.Ca);
        X509Certificate2 client = _trusted.Issue("client", clientAuth: true);
        var ssl = new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            CertificateChainPolicy = Pinned(_trusted.Ca),
            ClientCertificateContext = SslStreamCertificateContext.Create(client, additionalCertificates: null),
        };

        await using Connection connection = await Connection.OpenAsync("127.0.0.1", server.Port, 3, null, Settings(ssl), CancellationToken.None);
        Assert.Equal(client.Thumbprint, server.ClientThumbprint);
    }

    [Fact]
    public async Task The_configuration_form_pins_the_CA_file_and_presents_the_client_certificate_files()
    {
        await using var server = new TlsNode(_trusted.Issue("localhost"), requireClientCertificate: true, clientCa: _trusted.Ca);
        X509Certificate2 client = _trusted.Issue("client", clientAuth: true);
        string ca = Path.Combine(_directory, "ca.pem");
        string cert = Path.Combine(_directory, "client.pem");
        string key = Path.Combine(_directory, "client.key");
        File.WriteAllText(ca, _trusted.Ca.ExportCertificatePem());
        File.WriteAllText(cert, client.ExportCertificatePem());
        File.WriteAllText(key, client.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        var options = new CassandraOptions { ContactPoints = { "127.0.0.1" } };
        options.Tls.Enabled = true;
        options.Tls.CaCertificateFile = ca;
        options.Tls.ClientCertificateFile = cert;
        options.Tls.ClientKeyFile = key;
        options.Tls.TargetHost = "localhost";
        ConnectionSettings settings = new ConnectionFactory(options, NullLogger.Instance).Settings with { HeartbeatInterval = TimeSpan.Zero };

        await using Connection connection = await Connection.OpenAsync("127.0.0.1", server.Port, 3, null, settings, CancellationToken.None);
        Assert.Equal(client.Thumbprint, server.ClientThumbprint);

        options.Tls.CaCertificateFile = Path.Combine(_directory, "missing.pem");
        Assert.Contains("CaCertificateFile", Assert.Throws<ArgumentException>(() => new ConnectionFactory(options, NullLogger.Instance)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_setting_of_the_users_TLS_options_reaches_the_connection()
    {
        // A property added to SslClientAuthenticationOptions in a later .NET must not be dropped silently.
        var user = new SslClientAuthenticationOptions();
        var values = new Dictionary<string, object?>();
        foreach (PropertyInfo property in typeof(SslClientAuthenticationOptions).GetProperties().Where(p => p.CanWrite && p.Name != nameof(SslClientAuthenticationOptions.TargetHost)))
        {
            object? value = Sample(property.PropertyType);
            property.SetValue(user, value);
            values[property.Name] = property.GetValue(user);
        }

        SslClientAuthenticationOptions copy = TlsClientOptions.ForConnection(user, "10.0.0.9");
        foreach ((string name, object? value) in values)
        {
            Assert.True(Equals(value, typeof(SslClientAuthenticationOptions).GetProperty(name)!.GetValue(copy)), $"{name} was not copied");
        }

        Assert.Equal("10.0.0.9", copy.TargetHost);
        user.TargetHost = "cassandra.internal";
        Assert.Equal("cassandra.internal", TlsClientOptions.ForConnection(user, "10.0.0.9").TargetHost);
    }

    private static object? Sample(Type type) =>
        type == typeof(bool) ? true
        : type.IsEnum ? Enum.GetValues(type).GetValue(Enum.GetValues(type).Length - 1)
        : type == typeof(List<SslApplicationProtocol>) ? new List<SslApplicationProtocol> { SslApplicationProtocol.Http2 }
        : type == typeof(X509ChainPolicy) ? new X509ChainPolicy()
        : type == typeof(X509CertificateCollection) ? new X509CertificateCollection()
        : type == typeof(CipherSuitesPolicy) ? CipherSuites()
        : type == typeof(SslStreamCertificateContext) ? SslStreamCertificateContext.Create(new Pki("sample").Ca, null)
        : type == typeof(RemoteCertificateValidationCallback) ? new RemoteCertificateValidationCallback((_, _, _, _) => true)
        : type == typeof(LocalCertificateSelectionCallback) ? new LocalCertificateSelectionCallback((_, _, _, _, _) => null!)
        : type == typeof(string) ? "value"
        : null;

    // Linux and macOS have cipher suite policies; these tests run on Linux.
#pragma warning disable CA1416
    private static CipherSuitesPolicy CipherSuites() => new([TlsCipherSuite.TLS_AES_128_GCM_SHA256]);
#pragma warning restore CA1416

    private static X509ChainPolicy Pinned(X509Certificate2 ca)
    {
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.Add(ca);
        return policy;
    }

    private static ConnectionSettings Settings(SslClientAuthenticationOptions ssl) => new() { HeartbeatInterval = TimeSpan.Zero, Ssl = ssl };

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>A CA and the certificates it issues (ECDSA P-256), made in memory for the test.</summary>
    private sealed class Pki
    {
        private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        public Pki(string name)
        {
            var request = new CertificateRequest($"CN={name}", _key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            Ca = Reload(request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30)));
        }

        public X509Certificate2 Ca { get; }

        public X509Certificate2 Issue(string name, bool clientAuth = false)
        {
            using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName(name);
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(clientAuth ? "1.3.6.1.5.5.7.3.2" : "1.3.6.1.5.5.7.3.1")], false));
            byte[] serial = new byte[8];
            RandomNumberGenerator.Fill(serial);
            using X509Certificate2 issued = request.Create(Ca.SubjectName, X509SignatureGenerator.CreateForECDsa(_key), DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(10), serial);
            return Reload(issued.CopyWithPrivateKey(key));
        }

        private static X509Certificate2 Reload(X509Certificate2 certificate) =>
            X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>A v3 node behind TLS: STARTUP → READY, anything else → Void.</summary>
    private sealed class TlsNode : LoopbackServer
    {
        private readonly X509Certificate2 _certificate;
        private readonly bool _requireClientCertificate;
        private readonly X509Certificate2? _clientCa;

        public TlsNode(X509Certificate2 certificate, bool requireClientCertificate, X509Certificate2? clientCa = null)
        {
            _certificate = certificate;
            _requireClientCertificate = requireClientCertificate;
            _clientCa = clientCa;
        }

        public string? ClientThumbprint { get; private set; }

        protected override async Task ServeAsync(Socket socket)
        {
            await using var tls = new SslStream(new NetworkStream(socket, ownsSocket: false), leaveInnerStreamOpen: false);
            var options = new SslServerAuthenticationOptions
            {
                ServerCertificate = _certificate,
                ClientCertificateRequired = _requireClientCertificate,
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    if (!_requireClientCertificate)
                    {
                        return true;
                    }

                    if (certificate is null || _clientCa is null)
                    {
                        return false;
                    }

                    using var chain = new X509Chain { ChainPolicy = { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck } };
                    chain.ChainPolicy.CustomTrustStore.Add(_clientCa);
                    return chain.Build(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
                },
            };
            try
            {
                await tls.AuthenticateAsServerAsync(options, Stop.Token);
            }
            catch (Exception ex) when (ex is System.Security.Authentication.AuthenticationException or IOException)
            {
                return;
            }

            if (tls.RemoteCertificate is { } remote)
            {
                ClientThumbprint = X509CertificateLoader.LoadCertificate(remote.GetRawCertData()).Thumbprint;
            }

            var header = new byte[9];
            while (await FillAsync(tls, header))
            {
                int length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(5));
                if (!await FillAsync(tls, new byte[length]))
                {
                    return;
                }

                short stream = System.Buffers.Binary.BinaryPrimitives.ReadInt16BigEndian(header.AsSpan(2));
                byte[] reply = (header[0] & 0x7F) != 3
                    ? ScriptedServer.Frame(0x00, stream, ScriptedServer.ErrorBody(0x000A, "Invalid or unsupported protocol version; supported versions are (3/v3)"), (byte)(header[0] & 0x7F))
                    : header[4] == 0x01 ? ScriptedServer.Frame(0x02, stream, []) : ScriptedServer.VoidResult(stream);
                await tls.WriteAsync(reply, Stop.Token);
            }
        }

        private async Task<bool> FillAsync(Stream stream, byte[] buffer)
        {
            int filled = 0;
            while (filled < buffer.Length)
            {
                int read = await stream.ReadAsync(buffer.AsMemory(filled), Stop.Token);
                if (read == 0)
                {
                    return false;
                }

                filled += read;
            }

            return true;
        }
    }
}
