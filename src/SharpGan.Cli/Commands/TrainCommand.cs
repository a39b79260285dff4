using System.CommandLine;
using SharpGan.Data;
using SharpGan.Config;
using SharpGan.Reporting;
using SharpGan.Training;
using Spectre.Console;

namespace SharpGan.Cli.Commands;

/// <summary><c>sharpgan train</c>: config file + flags + <c>--set</c> overrides → a run folder of grids, plots, GIF and checkpoints.</summary>
static class TrainCommand
{
    public static Command Create() => Create("train", "Train a GAN", preset: [], presetDefaults: []);

    /// <param name="preset">Overrides applied before the user's (what makes the command's kind of run, e.g. pix2pix).</param>
    /// <param name="presetDefaults">Overrides applied only without <c>--config</c>: a config file's own values win.</param>
    /// <param name="mapped">More flags, each setting one config key to its text.</param>
    public static Command Create(string name, string description, IReadOnlyList<string> preset, IReadOnlyList<string> presetDefaults,
        params (Option<string?> Flag, string Key)[] mapped)
    {
        var config = new Option<FileInfo?>("--config", "-c") { Description = "YAML or JSON config (see configs/); defaults train on data/flowers" };
        var set = new Option<string[]>("--set") { Description = "Override a config key, e.g. --set train.lr_g=1e-4 (repeatable)", AllowMultipleArgumentsPerToken = false };
        var data = new Option<string?>("--data") { Description = "Image folder (data.path)" };
        var output = new Option<string?>("--out", "-o") { Description = "Run folder (output.dir)" }.Folder();
        var epochs = new Option<int?>("--epochs") { Description = "Epochs (train.epochs)" };
        var minutes = new Option<double?>("--minutes") { Description = "Stop after this many minutes of training steps, the learning rates ramped down over the last quarter of them, or at --epochs if that comes first (train.minutes)" };
        var size = new Option<int?>("--size") { Description = "Image size 32/64/128/256 (model.image_size)" };
        var seed = new Option<long?>("--seed") { Description = "Random seed (train.seed)" };
        var strict = new Option<bool>("--strict") { Description = "Fail on the first undecodable file instead of skipping it" };
        var resume = new Option<string?>("--resume") { Description = "Continue exactly from a run folder (or a checkpoint file in one), training into that folder unless --out says otherwise" };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace the run already in the --out folder (its outputs are removed once the new run has started)" };
        var evalEvery = new Option<int?>("--eval-every") { Description = "Measure generated vs real every N epochs into eval.csv (eval.every)" };
        var evalBackbone = new Option<string?>("--eval-backbone") { Description = "Backbone for --eval-every (eval.backbone)" };
        var command = new Command(name, description) { config, set, data, output, epochs, minutes, size, seed, strict, resume, overwrite, evalEvery, evalBackbone };
        foreach (var (flag, _) in mapped) command.Options.Add(flag);
        // Task.Run: the action must hand System.CommandLine a running task at once, or Ctrl+C ends the process
        // before the trainer can write its checkpoint.
        command.SetAction((parse, cancel) => Task.Run(() => CliErrors.Run(() =>
        {
            var overrides = new List<string>();
            if (parse.GetValue(resume) is null)
                overrides.AddRange(parse.GetValue(config) is null ? [.. presetDefaults, .. preset] : preset);
            void Add(string key, object? value) { if (value is not null) overrides.Add($"{key}={value}"); }
            foreach (var (flag, key) in mapped) Add(key, parse.GetValue(flag));
            Add("data.path", parse.GetValue(data));
            Add("train.epochs", parse.GetValue(epochs));
            Add("train.minutes", parse.GetValue(minutes));
            Add("model.image_size", parse.GetValue(size));
            Add("train.seed", parse.GetValue(seed));
            Add("eval.every", parse.GetValue(evalEvery));
            Add("eval.backbone", parse.GetValue(evalBackbone));
            if (parse.GetValue(strict)) Add("data.strict", true);
            overrides.AddRange(parse.GetValue(set) ?? []);
            // What makes the command's kind of run is not the user's to change here (translate train is pix2pix).
            foreach (var fixedValue in preset)
            {
                var key = fixedValue[..(fixedValue.IndexOf('=') + 1)];
                if ((parse.GetValue(set) ?? []).FirstOrDefault(s => s.StartsWith(key, StringComparison.Ordinal) && s != fixedValue) is { } clash)
                    throw new ConfigException($"--set {clash}: this command trains {fixedValue}; other kinds of run train with sharpgan train");
            }

            if (parse.GetValue(config) is { Exists: true } configFile && InputFile.Problem(configFile.FullName) is { } notAFile)
                throw new ConfigException($"config file '{configFile}': {notAFile}");   // a FIFO would block the read for ever
            Checkpoint? checkpoint = null;
            SharpGanConfig resolved;
            if (parse.GetValue(resume) is { } from)
            {
                checkpoint = RunCheckpoints.Load(from);
                if (checkpoint.Notice is { } notice) AnsiConsole.MarkupLineInterpolated($"[yellow]{notice}[/]");
                // Weights are fp32 NCHW whatever the run computed in, so how to compute may change with the machine.
                // data.cache moves the pictures, not what the trainer sees of them (checked by DiskCacheTrainingTests);
                // data.path says where they are, which changes when the folder moves or a relative path is read from elsewhere.
                string[] resumable = ["train.epochs=", "train.minutes=", "train.precision=", "train.layout=", "data.cache=", "data.path="];
                var fixedKey = parse.GetValue(config) is { } file ? $"--config {file.Name}"
                    : overrides.FirstOrDefault(o => !resumable.Any(r => o.StartsWith(r, StringComparison.Ordinal)));
                if (fixedKey is not null)
                    throw new ConfigException($"--resume continues the checkpoint's own config, so {fixedKey} cannot apply; only --epochs, --minutes, --out, --data, train.precision, train.layout and data.cache may change");
                // The folder is the run's identity, not the output.dir stored in it: a copied run trains into the copy.
                var into = parse.GetValue(output) ?? RunCheckpoints.RunDirectoryOf(checkpoint.Path)
                    ?? throw new ConfigException($"--resume {from}: the checkpoint is not inside a run folder's {RunCheckpoints.Folder}/; say where to train with --out");
                resolved = ConfigLoader.Apply(checkpoint.Config, [.. overrides, $"output.dir={into}"]);
                if (parse.GetValue(data) is null && !Directory.Exists(resolved.Data.Path))
                    throw new ConfigException($"data.path '{resolved.Data.Path}' of the run is not there from {Directory.GetCurrentDirectory()}: " +
                        "pass --data with where its pictures are now");
            }
            else
            {
                if (parse.GetValue(output) is { } into) overrides.Add($"output.dir={into}");
                try
                {
                    resolved = ConfigLoader.Load(parse.GetValue(config)?.FullName, overrides);
                }
                catch (ConfigException e)
                {
                    throw AsTyped(e, parse, mapped);
                }
            }
            return Task.FromResult(Train(resolved, checkpoint, parse.GetValue(overwrite), cancel));
        }), cancel));
        return command;
    }

    /// <summary>Why a resumed run has nothing left to train under <paramref name="config"/>'s epochs and minutes, or null.</summary>
    static string? Finished(Checkpoint checkpoint, SharpGanConfig config)
    {
        var state = checkpoint.State;
        double trained = state.History.Sum(e => e.Seconds) + state.Current.Seconds;
        return state.Epoch > config.Train.Epochs ? $"trained {state.Epoch - 1} epochs, and train.epochs is {config.Train.Epochs} (raise --epochs to go on)"
            : config.Train.Minutes > 0 && trained >= config.Train.Minutes * 60 ? $"spent its {config.Train.Minutes:G} minutes (raise --minutes to go on)"
            : null;
    }

    /// <summary>A mapped flag's bad value named as the user typed it: the config names the <c>--set</c> it became.</summary>
    static ConfigException AsTyped(ConfigException e, ParseResult parse, (Option<string?> Flag, string Key)[] mapped)
    {
        foreach (var (flag, key) in mapped)
            if (parse.GetValue(flag) is { } value && e.Message.StartsWith($"--set {key}={value}:", StringComparison.Ordinal))
                return new ConfigException($"{flag.Name} {value}{e.Message[$"--set {key}={value}".Length..]}");
        return e;
    }

    static int Train(SharpGanConfig config, Checkpoint? checkpoint, bool overwrite, CancellationToken cancel)
    {
        // Decided from the checkpoint alone, before the session opens a run folder (a resume into a new --out would
        // otherwise leave it a run.log and nothing else).
        if (checkpoint is not null && Finished(checkpoint, config) is { } finished)
        {
            AnsiConsole.MarkupLineInterpolated($"nothing to train: {RunCheckpoints.RunDirectoryOf(checkpoint.Path) ?? checkpoint.Path} already {finished}");
            return 0;
        }
        var console = new ConsoleEpochSink();
        var sinks = new List<ITrainingSink> { new SampleGridSink(), new MetricsCsvSink(), new LossPlotSink(), console };
        if (config.Output.TensorBoard) sinks.Add(new TensorBoardSink());
        if (config.Output.Gif) sinks.Add(new TrainingGifSink(config.Output.GifFrameMs, config.Output.GifMaxFrames));
        using var eval = config.Eval.Every > 0 ? new EvalSink(config.Eval) : null;
        if (eval is not null) sinks.Add(eval);
        sinks.Add(new SwitchedOffSinkFiles());

        OutputFiles.CheckFolder("output.dir", config.Output.Dir);   // before the decoding, not after it
        AnsiConsole.MarkupLineInterpolated($"[bold]SharpGan[/] training on [blue]{config.Data.Path}[/] at {config.Model.ImageSize}px → [blue]{config.Output.Dir}[/]");
        var (trainer, report) = TrainingSession.Open(config, sinks, checkpoint, cancel, overwrite);
        using var _ = trainer;
        AnsiConsole.MarkupLineInterpolated($"{report.Loaded} images {(report.Decoded == 0 ? "read from the decoded cache" : "decoded")}, {report.Skipped.Count} skipped");
        AnsiConsole.MarkupLineInterpolated($"[grey]compute: {trainer.Compute}[/]");
        AnsiConsole.MarkupLineInterpolated($"[grey]pictures: {report.Storage}[/]");
        trainer.Log($"pictures {report.Storage}");
        if (checkpoint?.Notice is { } fellBack) trainer.Log(fellBack);
        foreach (var line in report.Lines())
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]{line}[/]");
            trainer.Log(line);
        }
        if (report.Dropped.Count > 0) LabelsReport.Write(Path.Combine(config.Output.Dir, LabelsReport.FileName), report.Dropped);
        if (checkpoint is not null)
            AnsiConsole.MarkupLineInterpolated($"resuming at epoch {trainer.State.Epoch}, step {trainer.State.Step}");

        var outcome = ProgressDisplay.Run(trainer, console, cancel);
        if (outcome == TrainOutcome.Collapsed)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]stopped[/]: the run collapsed; the last good checkpoint is {trainer.CheckpointPath}");
            return 3;
        }
        if (outcome == TrainOutcome.Completed)
        {
            // what this run's sinks wrote (no training.gif under output.gif=false, eval's files only with eval.every)
            var written = RunFolder.Written(config.Output.Dir, sinks.Where(s => s is not SwitchedOffSinkFiles).SelectMany(s => s.Outputs)
                .Append(Path.Combine(RunCheckpoints.Folder, RunCheckpoints.LastFile)));
            AnsiConsole.MarkupLineInterpolated($"[green]done[/]: {config.Output.Dir} ({string.Join(", ", written)})");
            if (trainer.State.GSteps == 0)
                AnsiConsole.MarkupLineInterpolated($"[yellow]warning: G was never updated in {trainer.State.Step} steps: the loss's critic schedule (wgan.*) takes more D steps before G's first; train more epochs or with a smaller train.batch_size[/]");
        }
        else
            AnsiConsole.MarkupLineInterpolated($"[yellow]interrupted[/] at epoch {trainer.State.Epoch} step {trainer.State.StepInEpoch}; checkpoint written: resume with --resume {config.Output.Dir}");
        return outcome == TrainOutcome.Completed ? 0 : CliErrors.Interrupted;
    }
}
