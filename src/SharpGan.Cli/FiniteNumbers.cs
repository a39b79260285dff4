using System.CommandLine;
using System.Globalization;

namespace SharpGan.Cli;

/// <summary>
/// Every number option of the tool refuses NaN and infinity as the command line is read. .NET parses "NaN" as a
/// double, so without this a learning rate, weight or budget of NaN trains to NaN losses and exits 0.
/// </summary>
static class FiniteNumbers
{
    public static T Require<T>(T command) where T : Command
    {
        foreach (var option in command.Options.Where(o => (Nullable.GetUnderlyingType(o.ValueType) ?? o.ValueType) == typeof(double)))
            option.Validators.Add(result =>
            {
                foreach (var token in result.Tokens)
                    if (double.TryParse(token.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && !double.IsFinite(value))
                        result.AddError($"{option.Name} {token.Value}: '{token.Value}' is not a finite number");
            });
        foreach (var subcommand in command.Subcommands)
            Require(subcommand);
        return command;
    }
}
