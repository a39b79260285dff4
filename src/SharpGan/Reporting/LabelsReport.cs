using SharpGan.Data;
using SharpGan.Files;

namespace SharpGan.Reporting;

/// <summary>The images a run's labels left out (file, problem, group, tags), as CSV in the run folder, so a user can
/// see which pictures the anime-face report's "one colour per group" rule cost.</summary>
public static class LabelsReport
{
    public const string FileName = Training.RunLabels.ReportFile;

    public static void Write(string file, IReadOnlyList<DroppedImage> dropped)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        File.WriteAllLines(file, ["file,problem,group,tags", .. dropped.Select(d =>
            string.Join(",", CsvField.Quote(d.File), CsvField.Quote(d.Problem), CsvField.Quote(d.Group), CsvField.Quote(d.Tags)))]);
    }
}
