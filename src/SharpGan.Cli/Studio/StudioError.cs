using Microsoft.AspNetCore.Http;
using SharpGan.Config;
using SharpGan.Data;

namespace SharpGan.Cli.Studio;

/// <summary>A request the studio refuses, with the status to answer and one line that says why.</summary>
sealed class StudioError(int status, string message) : Exception(message)
{
    public int Status { get; } = status;

    public static StudioError Bad(string message) => new(StatusCodes.Status400BadRequest, message);
    public static StudioError TooLarge(string message) => new(StatusCodes.Status413PayloadTooLarge, message);
    public static StudioError NotFound(string message) => new(StatusCodes.Status404NotFound, message);

    /// <summary>
    /// Every failure as a status and one line: the studio's own refusals as they are; the library's refusals of what it
    /// was given (bad input: ArgumentException, DataException, InvalidDataException…) as 400 with their message; anything
    /// else as 500 with a fixed line, its trace only in the server's log, never in the answer.
    /// </summary>
    public static (int Status, string Message, bool Unexpected) Map(Exception e) => e switch
    {
        StudioError s => (s.Status, s.Message, false),
        BadHttpRequestException b => (b.StatusCode, OneLine(b.Message), false),
        ArgumentException or DataException or InvalidDataException or ConfigException or FormatException
            => (StatusCodes.Status400BadRequest, OneLine(e.Message), false),
        _ => (StatusCodes.Status500InternalServerError, "internal error in the studio (the server's log has the details)", true),
    };

    static string OneLine(string message) => message.Split('\n', 2)[0].Trim();
}
