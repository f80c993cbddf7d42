using System.Diagnostics.CodeAnalysis;

// RS0026 ("do not add multiple public overloads with optional parameters") guards additions to an API that has
// shipped: a new overload with optional parameters can make existing calls ambiguous or silently rebind them. The
// overload sets below are the library's initial surface, not additions, and in each the only optional parameter is
// the trailing CancellationToken while the required parameters differ, so ordinary calls bind to exactly one. Each
// existing overload is named, so any other overload with optional parameters still fails the build. Once these
// members are in PublicAPI.Shipped.txt the analyzer no longer reports them and these attributes can go.

[assembly: SuppressMessage("ApiDesign", "RS0026", Scope = "member",
    Target = "~M:AsyncCassandra.AsyncCluster.ConnectAsync(System.Threading.CancellationToken)",
    Justification = "Initial surface; the only optional parameter is the trailing CancellationToken.")]
[assembly: SuppressMessage("ApiDesign", "RS0026", Scope = "member",
    Target = "~M:AsyncCassandra.AsyncCluster.ConnectAsync(System.String,System.Threading.CancellationToken)",
    Justification = "Initial surface; the only optional parameter is the trailing CancellationToken.")]
[assembly: SuppressMessage("ApiDesign", "RS0026", Scope = "member",
    Target = "~M:AsyncCassandra.AsyncSession.ExecuteAsync(System.String,System.Threading.CancellationToken)",
    Justification = "Initial surface; the only optional parameter is the trailing CancellationToken.")]
[assembly: SuppressMessage("ApiDesign", "RS0026", Scope = "member",
    Target = "~M:AsyncCassandra.AsyncSession.ExecuteAsync(System.String,System.Object[],System.Threading.CancellationToken)",
    Justification = "Initial surface; the only optional parameter is the trailing CancellationToken.")]
[assembly: SuppressMessage("ApiDesign", "RS0026", Scope = "member",
    Target = "~M:AsyncCassandra.AsyncSession.ExecuteAsync(AsyncCassandra.Statement,System.Threading.CancellationToken)",
    Justification = "Initial surface; the only optional parameter is the trailing CancellationToken.")]
