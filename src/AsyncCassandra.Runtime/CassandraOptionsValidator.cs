using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace AsyncCassandra;

/// <summary>
/// Validates the options of one registration (by options name): every configuration problem, then
/// <see cref="CassandraOptions.Validate"/>, each message naming the configuration key when the options came from a
/// section (e.g. <c>Cassandra:Port</c>).
/// </summary>
internal sealed partial class CassandraOptionsValidator(string name, string? sectionPath) : IValidateOptions<CassandraOptions>
{
    public ValidateOptionsResult Validate(string? optionsName, CassandraOptions options)
    {
        if ((optionsName ?? Options.DefaultName) != name)
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>(CassandraConfigurationBinder.ProblemsOf(options));
        try
        {
            options.Validate();
        }
        catch (ArgumentException ex)
        {
            failures.Add(NameTheKey(ex.Message));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private string NameTheKey(string message)
    {
        if (sectionPath is null)
        {
            return message;
        }

        Match setting = OptionName().Match(message);
        string key = setting.Success ? setting.Groups[1].Value : message.StartsWith("Contact point", StringComparison.Ordinal) ? "ContactPoints" : string.Empty;
        return key.Length == 0 ? $"{sectionPath}: {message}" : $"{Prefix(sectionPath)}{key}: {message}";
    }

    private static string Prefix(string path) => path.Length == 0 ? string.Empty : path + ":";

    [GeneratedRegex(@"CassandraOptions\.(\w+)")]
    private static partial Regex OptionName();
}
