using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Globalization;
using Spectre.Console;

namespace SharpGan.Cli;

/// <summary>
/// What a user reads when the command line itself is wrong: one line per problem, naming the option or word and
/// what was expected in a user's words, with the help to read, and exit code 2 as for any other bad input.
/// System.CommandLine's own report names .NET types ("as expected type 'System.Nullable`1[System.Double]'"), offers
/// an unknown option's value a neighbouring option as a correction, and prints the whole help after it.
/// </summary>
static class ParseErrors
{
    /// <summary>Whether <paramref name="parse"/> failed in a way reported here. A command typed without its
    /// subcommand (`sharpgan`, `sharpgan data`) is not: there the list of subcommands in the help is the answer.</summary>
    public static bool Failed(ParseResult parse) =>
        parse.Action is ParseErrorAction && !(parse.UnmatchedTokens.Count == 0 && parse.Errors.All(MissingSubcommand));

    /// <summary>Prints the lines and returns the exit code.</summary>
    public static int Report(ParseResult parse)
    {
        var help = $"see {CommandPath(parse.CommandResult)} --help";
        foreach (var line in Lines(parse))
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {line} ({help})");
        return 2;
    }

    /// <summary>The problems in a user's words, unknown words first, in the order typed.</summary>
    public static IEnumerable<string> Lines(ParseResult parse)
    {
        var unknown = UnknownWords(parse).ToList();
        var lines = unknown.ToList();
        foreach (var error in parse.Errors)
        {
            // System.CommandLine reports each unmatched word again, and a missing subcommand beside a mistyped one.
            if (parse.UnmatchedTokens.Any(token => error.Message.Contains($"'{token}'", StringComparison.Ordinal))) continue;
            if (unknown.Count > 0 && MissingSubcommand(error)) continue;
            lines.Add(Rephrase(error));
        }
        return lines.Distinct();
    }

    /// <summary>An unmatched option with its closest neighbours, or an unmatched word; the word after an unknown option
    /// is taken for its value and not reported again.</summary>
    static IEnumerable<string> UnknownWords(ParseResult parse)
    {
        var unmatched = parse.UnmatchedTokens.ToList();
        var command = parse.CommandResult.Command;
        bool afterUnknownOption = false;
        foreach (var token in parse.Tokens)
        {
            int index = unmatched.IndexOf(token.Value);
            if (index < 0) { afterUnknownOption = false; continue; }
            unmatched.RemoveAt(index);
            bool isOption = token.Value.StartsWith('-');
            if (!isOption && afterUnknownOption) { afterUnknownOption = false; continue; }
            afterUnknownOption = isOption;
            var names = isOption ? OptionNames(parse.CommandResult) : command.Subcommands.SelectMany(c => c.Aliases.Prepend(c.Name));
            var near = Nearest(token.Value, names);
            var what = isOption ? $"unknown option '{token.Value}'" : $"unexpected word '{token.Value}'";
            yield return near.Count > 0 ? $"{what}; did you mean {string.Join(" or ", near)}?" : what;
            // A mistyped command leaves every word after it unmatched: they were meant for the command.
            if (!isOption) yield break;
        }
    }

    static string Rephrase(ParseError error)
    {
        if (MissingSubcommand(error) && error.SymbolResult is CommandResult result)
            return $"{CommandPath(result)} needs a command: {string.Join(", ", result.Command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))}";
        var option = error.SymbolResult switch
        {
            OptionResult o => o,
            ArgumentResult { Parent: OptionResult o } => o,
            _ => null,
        };
        if (option is null) return error.Message;
        var type = ElementType(option.Option.ValueType);
        foreach (var token in option.Tokens)
            if (Problem(token.Value, type) is { } problem)
                return $"{option.Option.Name} {token.Value}: {problem}";
        return error.Message;
    }

    /// <summary>The problem with <paramref name="value"/> for an option of <paramref name="type"/>, in the words a
    /// bad <c>--set</c> value gets ("'abc' is not an integer"); null where it parses, or for text and paths.</summary>
    static string? Problem(string value, Type type)
    {
        var invariant = CultureInfo.InvariantCulture;
        bool parses = type == typeof(int) ? int.TryParse(value, NumberStyles.Integer, invariant, out _)
            : type == typeof(long) ? long.TryParse(value, NumberStyles.Integer, invariant, out _)
            : type == typeof(double) || type == typeof(float) ? double.TryParse(value, NumberStyles.Float, invariant, out _)
            : type == typeof(bool) ? bool.TryParse(value, out _)
            : !type.IsEnum || Enum.GetNames(type).Any(n => n.Equals(value, StringComparison.OrdinalIgnoreCase));
        if (parses) return null;
        if ((type == typeof(int) || type == typeof(long)) && System.Numerics.BigInteger.TryParse(value, NumberStyles.Integer, invariant, out _))
            return $"'{value}' is out of range (at most {(type == typeof(int) ? int.MaxValue : long.MaxValue).ToString("N0", invariant)})";
        string wanted = type == typeof(int) || type == typeof(long) ? "an integer"
            : type == typeof(bool) ? "true or false"
            : type.IsEnum ? $"one of {string.Join(", ", Enum.GetNames(type).Select(n => n.ToLowerInvariant()))}"
            : "a number";
        return $"'{value}' is not {wanted}";
    }

    /// <summary>The type of one value: int for int?, int[] and List&lt;int&gt;.</summary>
    static Type ElementType(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying) return underlying;
        if (type.IsArray) return ElementType(type.GetElementType()!);
        return type.IsGenericType && type.GetGenericArguments() is [var element] ? ElementType(element) : type;
    }

    static bool MissingSubcommand(ParseError error) =>
        error.SymbolResult is CommandResult { Command: { Action: null, Subcommands.Count: > 0 } } && !error.Message.Contains('\'');

    /// <summary>Every option a command accepts: its own and the recursive ones of the commands above it.</summary>
    static IEnumerable<string> OptionNames(CommandResult result)
    {
        var own = result.Command.Options;
        var inherited = Ancestors(result).Skip(1).SelectMany(c => c.Command.Options.Where(o => o.Recursive));
        return own.Concat(inherited).Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name));
    }

    /// <summary>The names within two edits of <paramref name="word"/> (one for words of three or four letters, none
    /// for shorter ones, which are one edit from every short option), closest first.</summary>
    static List<string> Nearest(string word, IEnumerable<string> names)
    {
        int letters = word.TrimStart('-').Length;
        int limit = letters <= 2 ? 0 : letters <= 4 ? 1 : 2;
        if (limit == 0) return [];
        return names.Distinct()
            .Select(name => (name, distance: EditDistance(word, name)))
            .Where(c => c.distance <= limit)
            .OrderBy(c => c.distance).ThenBy(c => c.name, StringComparer.Ordinal)
            .Select(c => c.name).ToList();
    }

    /// <summary>Levenshtein distance, a swap of two neighbours counting as one edit.</summary>
    static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }

    static IEnumerable<CommandResult> Ancestors(CommandResult result)
    {
        for (SymbolResult? r = result; r is not null; r = r.Parent)
            if (r is CommandResult c) yield return c;
    }

    /// <summary>"sharpgan data prepare": the words a user types for <paramref name="result"/>'s command.</summary>
    static string CommandPath(CommandResult result) =>
        string.Join(' ', Ancestors(result).Reverse().Select(c => c.Parent is null ? ToolName.Name : c.Command.Name));
}
