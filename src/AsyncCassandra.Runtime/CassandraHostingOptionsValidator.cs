using Microsoft.Extensions.Options;

namespace AsyncCassandra;

/// <summary>Validates <see cref="CassandraHostingOptions"/> of one registration, naming the configuration key.</summary>
internal sealed class CassandraHostingOptionsValidator(string name, string? sectionPath) : IValidateOptions<CassandraHostingOptions>
{
    public ValidateOptionsResult Validate(string? optionsName, CassandraHostingOptions options)
    {
        if ((optionsName ?? Options.DefaultName) != name)
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>(CassandraConfigurationBinder.ProblemsOf(options));
        if (options.StartupTimeout < TimeSpan.Zero)
        {
            failures.Add($"{Key("StartupTimeout")} must not be negative (zero fails fast when no node answers).");
        }

        if (options.StartupRetryDelay <= TimeSpan.Zero)
        {
            failures.Add($"{Key("StartupRetryDelay")} must be positive.");
        }

        if (options.DrainTimeout < TimeSpan.Zero)
        {
            failures.Add($"{Key("DrainTimeout")} must not be negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private string Key(string key) => sectionPath is { Length: > 0 } path ? path + ":" + key : "CassandraHostingOptions." + key;
}
