using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace AsyncCassandra.Testing.Internal;

/// <summary>
/// TLS for a test node: a self-signed RSA certificate for the node's IP made by the JDK's keytool into a JKS
/// keystore, and the yaml's client_encryption_options pointing at it (Cassandra 2.1 then serves TLS only). It offers
/// AES-GCM suites only: .NET on Linux offers AEAD suites by default, and Cassandra 2.1's default suites are CBC.
/// </summary>
internal static class NodeTls
{
    private const string Password = "cassandra";

    private static string KeystorePath(string confDir) => Path.Combine(confDir, "node-keystore.jks");

    private static string CertificatePath(string confDir) => Path.Combine(confDir, "node-certificate.pem");

    public static async Task ConfigureAsync(string confDir, string address, CancellationToken ct)
    {
        string keystore = KeystorePath(confDir);
        if (!File.Exists(keystore))
        {
            await RunKeytoolAsync(ct, "-genkeypair", "-alias", "node", "-keyalg", "RSA", "-keysize", "2048", "-validity", "3650",
                "-dname", $"CN={address}", "-ext", $"SAN=IP:{address}", "-keystore", keystore, "-storetype", "JKS",
                "-storepass", Password, "-keypass", Password).ConfigureAwait(false);
            await RunKeytoolAsync(ct, "-exportcert", "-rfc", "-alias", "node", "-keystore", keystore, "-storepass", Password,
                "-file", CertificatePath(confDir)).ConfigureAwait(false);
        }

        string yaml = Path.Combine(confDir, NodeConfig.YamlFileName);
        var text = new StringBuilder(await File.ReadAllTextAsync(yaml, ct).ConfigureAwait(false));
        text.AppendLine()
            .AppendLine("client_encryption_options:")
            .AppendLine("  enabled: true")
            .Append("  keystore: \"").Append(keystore).AppendLine("\"")
            .Append("  keystore_password: \"").Append(Password).AppendLine("\"")
            .AppendLine("  cipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, TLS_RSA_WITH_AES_128_GCM_SHA256]");
        await File.WriteAllTextAsync(yaml, text.ToString(), ct).ConfigureAwait(false);
    }

    public static bool IsConfigured(string confDir) => File.Exists(KeystorePath(confDir));

    public static X509Certificate2 LoadCertificate(string confDir) => X509Certificate2.CreateFromPem(File.ReadAllText(CertificatePath(confDir)));

    private static async Task RunKeytoolAsync(CancellationToken ct, params string[] arguments)
    {
        var start = new ProcessStartInfo("keytool") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("keytool (from the JDK) could not be started; install a JDK (apt-get install openjdk-17-jdk-headless).");
        string stderr = await process.StandardError.ReadToEndAsync(ct).ConfigureAwait(false);
        await process.WaitForExitAsync(ct).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"keytool {arguments[0]} failed ({process.ExitCode}): {stderr}");
        }
    }
}
