using System.Globalization;

namespace SharpGan.Config;

/// <summary>
/// Range checks that types alone cannot express; each message names the key and the allowed values. A GAN kind's
/// and a loss's rules live with the kind and the loss, checked by <c>Recipes.Kinds.GanKinds.Check</c> when a run starts.
/// </summary>
public static class ConfigValidator
{
    /// <summary>A budget past any run's; larger ones overflowed into the clock's arithmetic (1.7e308 minutes read as NaN).</summary>
    const double MaxMinutes = 1_000_000;

    public static readonly int[] ImageSizes = [32, 64, 128, 256];

    /// <summary>model.architecture values (built by Models.Networks, which holds the same names).</summary>
    public static readonly string[] Architectures = ["dcgan", "dense-dcgan", "srresnet", "dcgan-5x5", "r3gan"];

    /// <summary>data.masks values: none keeps alpha as a soft mask and pairs nothing (see Data.MaskPairing).</summary>
    public static readonly string[] MaskModes = ["none", "auto", "folder", "suffix", "alpha"];

    /// <summary>data.cache values (decided per load by Data.CacheChoice).</summary>
    public static readonly string[] CacheModes = ["auto", "memory", "disk"];

    public static void Validate(SharpGanConfig c)
    {
        var errors = new List<string>();
        void Check(bool ok, string message) { if (!ok) errors.Add(message); }

        Check(ImageSizes.Contains(c.Model.ImageSize), $"model.image_size = {c.Model.ImageSize}: allowed {string.Join(", ", ImageSizes)}");
        try
        {
            var latent = c.Model.LatentShape;
            Check(latent.Size == 1 || (IsPowerOfTwo(latent.Size) && latent.Size < c.Model.ImageSize / 2),
                $"model.latent = {c.Model.Latent}: H×W must be 1 or a power of two below image_size / 2");
        }
        catch (FormatException e) { errors.Add($"model.latent: {e.Message}"); }
        Check(c.Model.Ngf is >= 1 and <= 1024, $"model.ngf = {c.Model.Ngf}: allowed 1..1024");
        Check(c.Model.Ndf is >= 1 and <= 1024, $"model.ndf = {c.Model.Ndf}: allowed 1..1024");
        Check(c.Model.MaxMultiplier is >= 1 and <= 64, $"model.max_multiplier = {c.Model.MaxMultiplier}: allowed 1..64");
        Check(c.Train.Epochs >= 1, $"train.epochs = {c.Train.Epochs}: must be at least 1");
        Check(c.Train.Minutes is >= 0 and <= MaxMinutes, $"train.minutes = {c.Train.Minutes}: 0 (no budget) up to {MaxMinutes:N0} (about two years)");
        Check(c.Train.BatchSize is >= 2 and <= 4096, $"train.batch_size = {c.Train.BatchSize}: allowed 2..4096 (BatchNorm needs 2)");
        Check(c.Train.LrG is > 0 and < 1, $"train.lr_g = {c.Train.LrG}: allowed (0, 1)");
        Check(c.Train.LrD is > 0 and < 1, $"train.lr_d = {c.Train.LrD}: allowed (0, 1)");
        Check(c.Train.Beta1 is >= 0 and < 1, $"train.beta1 = {c.Train.Beta1}: allowed [0, 1)");
        Check(c.Train.Beta2 is >= 0 and < 1, $"train.beta2 = {c.Train.Beta2}: allowed [0, 1)");
        Check(c.Train.Threads >= 0, $"train.threads = {c.Train.Threads}: 0 (one per core) or more");
        Check(!(c.Train.Deterministic && c.Train.Threads > 1), $"train.threads = {c.Train.Threads} with train.deterministic: deterministic runs use one thread");
        Check(c.Train.CheckpointEvery >= 1, $"train.checkpoint_every = {c.Train.CheckpointEvery}: must be at least 1");
        Check(c.Train.SampleCount is >= 1 and <= 1024, $"train.sample_count = {c.Train.SampleCount}: allowed 1..1024");
        Check(c.Data.RotateDegrees is >= 0 and <= 180, $"data.rotate_degrees = {c.Data.RotateDegrees}: allowed 0..180");
        Check(TryParseColor(c.Data.Background, out _), $"data.background = '{c.Data.Background}': expected #rrggbb");
        Check(!string.IsNullOrWhiteSpace(c.Data.Path), "data.path: must name a folder of images");
        Check(!string.IsNullOrWhiteSpace(c.Output.Dir), "output.dir: must name a folder");
        Check(c.Output.GifFrameMs is >= 10 and <= 10_000, $"output.gif_frame_ms = {c.Output.GifFrameMs}: allowed 10..10000");
        Check(c.Output.GifMaxFrames is >= 1 and <= 2000, $"output.gif_max_frames = {c.Output.GifMaxFrames}: allowed 1..2000");
        var t = c.Tricks;
        Check(t.LabelSmoothing is >= 0 and < 0.5, $"tricks.label_smoothing = {t.LabelSmoothing}: allowed [0, 0.5)");
        Check(t.LabelFlip is >= 0 and < 0.5, $"tricks.label_flip = {t.LabelFlip}: allowed [0, 0.5)");
        Check(!(t.SoftLabels && t.LabelSmoothing > 0), "tricks.soft_labels and tricks.label_smoothing: choose one");
        Check(t.InstanceNoise is >= 0 and <= 2, $"tricks.instance_noise = {t.InstanceNoise}: allowed 0..2");
        Check(t.InstanceNoiseEpochs >= 0, $"tricks.instance_noise_epochs = {t.InstanceNoiseEpochs}: 0 (whole run) or more");
        Check(t.LrDecay is > 0 and <= 1, $"tricks.lr_decay = {t.LrDecay}: allowed (0, 1]");
        Check(t.LrRampDown is >= 0 and < 1, $"tricks.lr_ramp_down = {t.LrRampDown}: allowed 0 (off) to below 1");
        Check(t.DSteps is >= 1 and <= 100, $"tricks.d_steps = {t.DSteps}: allowed 1..100");
        Check(t.GSteps is >= 1 and <= 100, $"tricks.g_steps = {t.GSteps}: allowed 1..100");
        Check(t.GBatchMultiplier is >= 1 and <= 8, $"tricks.g_batch_multiplier = {t.GBatchMultiplier}: allowed 1..8");
        Check(t.FeatureMatching >= 0, $"tricks.feature_matching = {t.FeatureMatching}: must be ≥ 0");
        Check(t.Ema == 0 || t.Ema is > 0 and < 1, $"tricks.ema = {t.Ema}: 0 (off) or in (0, 1)");
        Check(t.EmaKimg is >= 0 and <= 1e5, $"tricks.ema_kimg = {t.EmaKimg}: allowed 0 (off) to 100000");
        Check(t.EmaRampup is >= 0 and <= 1, $"tricks.ema_rampup = {t.EmaRampup}: allowed 0 (off) to 1");
        Check(t.R1Gamma is >= 0 and <= 1e4, $"tricks.r1_gamma = {t.R1Gamma}: allowed 0 (off) to 10000");
        Check(t.R2Gamma is >= 0 and <= 1e4, $"tricks.r2_gamma = {t.R2Gamma}: allowed 0 (off) to 10000");
        Check(t.RInterval is >= 1 and <= 1000, $"tricks.r_interval = {t.RInterval}: allowed 1 (every D step) to 1000");
        Check(t.AdaTarget is > 0 and < 1, $"tricks.ada_target = {t.AdaTarget}: allowed (0, 1)");
        Check(t.AdaP is >= 0 and <= 1, $"tricks.ada_p = {t.AdaP}: allowed 0..1");
        Check(t.AdaInterval is >= 1 and <= 1000, $"tricks.ada_interval = {t.AdaInterval}: allowed 1..1000");
        Check(t.AdaKimg is > 0 and <= 1e5, $"tricks.ada_kimg = {t.AdaKimg}: allowed (0, 100000]");
        Check(t.Ada is not (AdaMode.Fixed or AdaMode.Scheduled) || t.AdaP > 0, $"tricks.ada {t.Ada.ToString().ToLowerInvariant()} needs tricks.ada_p above 0 (the p it holds or ramps to)");
        Check(t.Ada is AdaMode.Off or AdaMode.Auto || t.DiffAugment.Length == 0, "tricks.ada and tricks.diff_augment: choose one (both augment D's inputs)");
        Check(Architectures.Contains(c.Model.Architecture), $"model.architecture = '{c.Model.Architecture}': allowed {string.Join(", ", Architectures)}");
        Check(c.Model.ResidualBlocks is >= 1 and <= 64, $"model.residual_blocks = {c.Model.ResidualBlocks}: allowed 1..64");
        Check(c.Model.Architecture is "dcgan" or "dense-dcgan" || c.Model.GDropout == 0,
            $"model.g_dropout: the {c.Model.Architecture} generator has no dropout (dcgan and dense-dcgan do)");
        Check(c.Model.Architecture == "dcgan" || !c.Model.SpectralNorm,
            $"model.spectral_norm applies to the dcgan discriminator only: set model.architecture = dcgan (not '{c.Model.Architecture}')");
        Check(c.Model.GDropout is >= 0 and < 1, $"model.g_dropout = {c.Model.GDropout}: allowed [0, 1)");
        Check(c.Model.DNorm is "batch" or "none", $"model.d_norm = '{c.Model.DNorm}': allowed batch, none");
        Check(c.Train.Optimizer is "adam" or "rmsprop", $"train.optimizer = '{c.Train.Optimizer}': allowed adam, rmsprop");
        Check(CacheModes.Contains(c.Data.Cache), $"data.cache = '{c.Data.Cache}': allowed {string.Join(", ", CacheModes)}");
        Check(MaskModes.Contains(c.Data.Masks), $"data.masks = '{c.Data.Masks}': allowed {string.Join(", ", MaskModes)}");
        Check(c.Data.Labels is "none" or "folders" or "csv" or "tags", $"data.labels = '{c.Data.Labels}': allowed none, folders, csv, tags");
        Check(c.Data.Labels != "csv" || c.Data.LabelsFile.Length > 0, "data.labels csv needs data.labels_file (rows of file,label)");
        Check(c.Data.Labels != "tags" || c.Data.TagsFile.Length > 0, "data.labels tags needs data.tags_file (rows of file,tag1;tag2)");
        Check(!c.Model.MultiLabel || c.Data.Labels == "tags", "model.multi_label is set from the data: only with data.labels = tags");
        Check(c.Data.LabelledFraction is > 0 and <= 1, $"data.labelled_fraction = {c.Data.LabelledFraction}: must be in (0, 1]");
        Check(c.Eval.Every >= 0, $"eval.every = {c.Eval.Every}: must be ≥ 0");
        Check(c.Eval.Every == 0 || c.Eval.Backbone.Length > 0, "eval.every needs eval.backbone (train one with: sharpgan eval backbone train)");
        Check(c.Eval.Samples >= 4, $"eval.samples = {c.Eval.Samples}: at least 4");
        Check(c.Train.Precision is "auto" or "fp32" or "bf16", $"train.precision = '{c.Train.Precision}': allowed auto, fp32, bf16");
        Check(c.Train.Layout is "auto" or "nchw" or "channels-last", $"train.layout = '{c.Train.Layout}': allowed auto, nchw, channels-last");
        Check(c.Train.Device is "auto" or "cpu" or "cuda", $"train.device = '{c.Train.Device}': allowed auto, cpu, cuda");
        var w = c.Wgan;
        Check(w.Clip > 0, $"wgan.clip = {w.Clip}: must be > 0");
        Check(w.CriticSteps >= 1 && w.CriticStepsBoost >= 1, "wgan.critic_steps and wgan.critic_steps_boost: at least 1");
        Check(w.WarmupGSteps >= 0 && w.BoostEvery >= 0, "wgan.warmup_g_steps and wgan.boost_every: 0 or more");
        Check(w.GpLambda >= 0, $"wgan.gp_lambda = {w.GpLambda}: must be ≥ 0");
        Check(c.Collapse.Accuracy is > 0.5 and <= 1, $"collapse.accuracy = {c.Collapse.Accuracy}: allowed (0.5, 1]");
        Check(c.Collapse.Epochs >= 0, $"collapse.epochs = {c.Collapse.Epochs}: 0 (off) or more");
        Check(c.Collapse.RollbackLrFactor is > 0 and <= 1, $"collapse.rollback_lr_factor = {c.Collapse.RollbackLrFactor}: allowed (0, 1]");
        if (errors.Count > 0)
            throw new ConfigException(string.Join(Environment.NewLine, errors));
    }

    /// <summary>Parses #rrggbb into bytes.</summary>
    public static bool TryParseColor(string text, out (byte R, byte G, byte B) color)
    {
        color = default;
        if (text.Length != 7 || text[0] != '#' || !int.TryParse(text.AsSpan(1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var v))
            return false;
        color = ((byte)(v >> 16), (byte)(v >> 8), (byte)v);
        return true;
    }

    static bool IsPowerOfTwo(int v) => v > 0 && (v & (v - 1)) == 0;
}
