namespace SharpGan.Config;

/// <summary>Everything a training run needs, with the defaults of the README's main job. Immutable; bound and
/// validated once by <see cref="ConfigLoader"/>, then written into every run folder and checkpoint.</summary>
public sealed record SharpGanConfig
{
    public DataConfig Data { get; init; } = new();
    public ModelConfig Model { get; init; } = new();
    public TrainConfig Train { get; init; } = new();
    public OutputConfig Output { get; init; } = new();
    public TricksConfig Tricks { get; init; } = new();
    public WganConfig Wgan { get; init; } = new();
    public CollapseConfig Collapse { get; init; } = new();
    public EvalConfig Eval { get; init; } = new();
}

/// <summary>Metrics during training: every N epochs, generated samples against the real set under a backbone.</summary>
public sealed record EvalConfig
{
    /// <summary>Epochs between evaluations; 0 = none.</summary>
    public int Every { get; init; }
    /// <summary>Backbone file (from <c>sharpgan eval backbone train</c>).</summary>
    public string Backbone { get; init; } = "";
    /// <summary>Real images to compare with; empty = data.path.</summary>
    public string Real { get; init; } = "";
    /// <summary>Generated images per evaluation.</summary>
    public int Samples { get; init; } = 500;
}

public enum ResizeMode { Crop, Pad }

public sealed record DataConfig
{
    /// <summary>A folder of images, searched recursively.</summary>
    public string Path { get; init; } = "data/flowers";
    /// <summary>none; folders: one sub-folder per class; csv: <c>file,label</c> rows in labels_file; tags: multi-hot
    /// <c>file,tag1;tag2</c> rows in tags_file (model.conditioning acgan). Conditioning needs one of them.</summary>
    public string Labels { get; init; } = "none";
    /// <summary>labels csv: the CSV of <c>file,label</c> rows, file paths relative to data.path; header optional.</summary>
    public string LabelsFile { get; init; } = "";
    /// <summary>labels tags: the CSV of <c>file,tag1;tag2;…</c> rows, file paths relative to data.path; header optional.</summary>
    public string TagsFile { get; init; } = "";
    /// <summary>labels tags: optional file of exclusive groups, one a line (<c>hair: blonde hair, red hair</c>); an image
    /// with two tags of one group is dropped, as the anime-face report dropped two-hair-colour images.</summary>
    public string TagGroups { get; init; } = "";
    /// <summary>Share of images whose class is used (semi-supervised GAN); the others train as unlabelled.</summary>
    public double LabelledFraction { get; init; } = 1.0;
    /// <summary>Object masks: none (alpha kept as a soft mask), auto, folder (<c>masks/NAME</c>), suffix
    /// (<c>NAME_mask</c> beside the image) or alpha (the image's own); paired masks are binarised at 0.5.</summary>
    public string Masks { get; init; } = "none";
    /// <summary><c>crop</c>: centre square crop then resize; <c>pad</c>: fit inside the square, pad with the background.</summary>
    public ResizeMode Resize { get; init; } = ResizeMode.Crop;
    /// <summary>Colour that transparent pixels and padding become, as #rrggbb.</summary>
    public string Background { get; init; } = "#ffffff";
    /// <summary>Where the decoded pictures are kept: memory; disk (a decoded cache file, built once and reused while the
    /// folder is unchanged, read batch by batch, so memory does not grow with the data); auto: disk when the decoded set
    /// would take more than a quarter of the machine's memory.</summary>
    public string Cache { get; init; } = "auto";
    /// <summary>Stop at the first file that cannot be decoded instead of skipping it.</summary>
    public bool Strict { get; init; }
    /// <summary>Random horizontal flips on the fly (p = 0.5).</summary>
    public bool FlipHorizontal { get; init; } = true;
    /// <summary>Random vertical flips on the fly (p = 0.5; the flower DCGAN comparison).</summary>
    public bool FlipVertical { get; init; }
    /// <summary>Random rotation in ±degrees on the fly (the anime-face report used 5).</summary>
    public double RotateDegrees { get; init; }
    /// <summary>pix2pix: AtoB (A/ or the left half is the input) or BtoA.</summary>
    public string Direction { get; init; } = "AtoB";
    /// <summary>pix2pix: random jitter — resize up by 286/256, crop back, mirror half the time, identically for both
    /// halves of a pair. It replaces the flips above, which would pull a pair apart.</summary>
    public bool Jitter { get; init; } = true;
    /// <summary>pix2pix: pairs the run never trains on, whose (input | output | target) rows make the epoch grids; taken
    /// from <see cref="ValPath"/> when set, else drawn from <see cref="Path"/> by the run's seed.</summary>
    public int Holdout { get; init; } = 8;
    /// <summary>pix2pix: a separate folder of held-out pairs (same layout as data.path); empty = hold out from data.path.</summary>
    public string ValPath { get; init; } = "";
}

public sealed record ModelConfig
{
    /// <summary>Square image side: 32, 64, 128 or 256.</summary>
    public int ImageSize { get; init; } = 32;
    /// <summary>The networks, by name: dcgan, dense-dcgan, srresnet, dcgan-5x5 or r3gan (R3GAN's residual networks,
    /// without normalisation, so d_norm does not apply; see docs/conditioning.md, "Architectures"). Mask conditioning
    /// has dcgan networks only.</summary>
    public string Architecture { get; init; } = "dcgan";
    /// <summary>srresnet: residual blocks in G (the anime-face report's 16).</summary>
    public int ResidualBlocks { get; init; } = 16;
    /// <summary>Latent noise shape C×H×W: 100x1x1 (the bird DCGAN, the anime-face report) or 32x2x2 (the flower GAN).</summary>
    public string Latent { get; init; } = "100x1x1";
    /// <summary>none; acgan: G draws the class it is given, D also classifies (Odena et al.; the anime-face report,
    /// the car-logo ACGAN); semi-supervised: D has K + 1 outputs (the car-logo ACGAN); mask: G draws where a mask says
    /// (the flower GAN; needs data.masks).</summary>
    public string Conditioning { get; init; } = "none";
    /// <summary>The class names, or the tag vocabulary, filled in from the data when a run starts (so checkpoints carry them).</summary>
    public string[] Classes { get; init; } = [];
    /// <summary>True when <see cref="Classes"/> are tags, any number of which an image carries (data.labels tags): set
    /// from the data when a run starts.</summary>
    public bool MultiLabel { get; init; }
    /// <summary>Weight of the auxiliary classification loss against the adversarial one.</summary>
    public double ClassWeight { get; init; } = 1.0;
    /// <summary>λ_adv of the anime-face report: weight of the adversarial term in D's and G's ACGAN losses.</summary>
    public double AdversarialWeight { get; init; } = 1.0;
    /// <summary>Mask conditioning: the input sides of the D layers that also see the mask (the flower GAN: 4, 8, 16).</summary>
    public string MaskDSizes { get; init; } = "4,8,16";
    /// <summary>Mask conditioning: σ of Gaussian noise on every mask during training, so G cannot recall the one
    /// picture a mask came from (the flower GAN); 0 = off.</summary>
    public double MaskNoise { get; init; }
    /// <summary>Mask conditioning: D also sees real images with another image's mask as fakes (the "wrong
    /// pairing" term of Reed et al. 2016, which the flower GAN cites), which teaches it to check location.</summary>
    public bool MaskMismatch { get; init; }
    /// <summary>Generator filters at the last hidden layer.</summary>
    public int Ngf { get; init; } = 64;
    /// <summary>Discriminator filters at the first layer. Half of ngf by default: the flower GAN's "more filters in G
    /// than in D" kept D from winning outright on the 58 built-in flowers (measured: docs/main-job.md).</summary>
    public int Ndf { get; init; } = 32;
    /// <summary>Cap on the filter multiplier of deep layers (pytorch/examples uses 8).</summary>
    public int MaxMultiplier { get; init; } = 8;
    /// <summary>D's normalisation: batch (DCGAN) or none (advised with a gradient penalty, which is per sample).</summary>
    public string DNorm { get; init; } = "batch";
    /// <summary>Spectral normalisation of every D convolution (Miyato et al. 2018).</summary>
    public bool SpectralNorm { get; init; }
    /// <summary>Dropout probability after G's hidden layers (the anime-face report used 0.5); 0 = none.</summary>
    public double GDropout { get; init; }
    /// <summary>pix2pix: λ of the L1 term (the paper's 100).</summary>
    public double L1Weight { get; init; } = 100;
    /// <summary>pix2pix: strided layers of the PatchGAN (3: 70×70 patches at any size; 0: the 1×1 PixelGAN; enough to
    /// see the whole picture: the paper's ImageGAN).</summary>
    public int DLayers { get; init; } = 3;
    /// <summary>pix2pix: the norm of G's U-Net and D: batch or instance.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("pix2pix_norm")]   // snake case alone would make "pix2_pix_norm"
    public string Pix2PixNorm { get; init; } = "batch";
    /// <summary>pix2pix: U-Net poolings; 0 = log2(image size), down to 1×1 (8 at 256, 6 at 64) as the paper.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("unet_depth")]
    public int UNetDepth { get; init; }
    /// <summary>pix2pix: innermost decoder levels ending in dropout 0.5, kept on when translating (the paper's noise z: 3).</summary>
    [System.Text.Json.Serialization.JsonPropertyName("unet_dropout_levels")]
    public int UNetDropoutLevels { get; init; } = 3;
    /// <summary>Keep G's dropout on when sampling, as the anime-face report did for variety.</summary>
    public bool GDropoutAtSampling { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public LatentShape LatentShape => LatentShape.Parse(Latent);

    /// <summary><see cref="MaskDSizes"/> as numbers.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int[] MaskDSizeList => MaskDSizes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
}

public sealed record TrainConfig
{
    /// <summary>Passes over the data. 800 × 4 steps on the built-in flowers is the README's main job: at 500 its six
    /// measured runs were still converging and ended up to 2.8× apart in FD, at 800 within 1.5× (docs/quality.md).</summary>
    public int Epochs { get; init; } = 800;
    /// <summary>A budget of training time: the run ends at the step by which its steps (summed over every life of
    /// the run, sinks and evaluation not counted) took this many minutes, closing that epoch short; 0 = train.epochs
    /// alone decides. For comparing recipes at equal compute (docs/quality.md).</summary>
    public double Minutes { get; init; }
    public int BatchSize { get; init; } = 16;
    public double LrG { get; init; } = 2e-4;
    public double LrD { get; init; } = 2e-4;
    public double Beta1 { get; init; } = 0.5;
    public double Beta2 { get; init; } = 0.999;
    /// <summary>Adversarial loss by name: bce, minimax, wgan, wgan-gp, lsgan, hinge, rpgan (see <c>LossRegistry</c>).</summary>
    public string Loss { get; init; } = "bce";
    /// <summary>adam, or rmsprop (WGAN with clipping: momentum-free, as Arjovsky et al. advise).</summary>
    public string Optimizer { get; init; } = "adam";
    public long Seed { get; init; } = 1;
    /// <summary>One torch thread, so a seed gives the same bits on any machine whatever its core count (slower).
    /// Without it a seed still repeats exactly on the same machine and thread count.</summary>
    public bool Deterministic { get; init; }
    /// <summary>torch intra-op threads; 0 = one per core.</summary>
    public int Threads { get; init; }
    /// <summary>auto | fp32 | bf16. bf16 is mixed precision (fp32 master weights, optimiser state, BatchNorm
    /// statistics and losses); auto takes it only on a CPU with native bf16 where a probe finds it faster.</summary>
    public string Precision { get; init; } = "auto";
    /// <summary>auto | nchw | channels-last: the activations' memory layout; auto asks the same probe.</summary>
    public string Layout { get; init; } = "auto";
    /// <summary>auto | cpu | cuda: where the tensors live; auto takes CUDA where this build has it and a GPU is
    /// visible (Compute/ComputeDevice.cs).</summary>
    public string Device { get; init; } = "auto";
    /// <summary>Write a checkpoint every N epochs (and always at the end).</summary>
    public int CheckpointEvery { get; init; } = 5;
    /// <summary>Images in the fixed-noise sample grid written each epoch.</summary>
    public int SampleCount { get; init; } = 64;
}

public sealed record OutputConfig
{
    public string Dir { get; init; } = "runs/flowers";
    public bool TensorBoard { get; init; } = true;
    public bool Gif { get; init; } = true;
    /// <summary>Milliseconds each epoch's grid is shown in training.gif.</summary>
    public int GifFrameMs { get; init; } = 120;
    /// <summary>Most frames in training.gif; longer runs show evenly spaced epochs.</summary>
    public int GifMaxFrames { get; init; } = 150;
}

public enum NoiseDecay { Linear, Exponential }

/// <summary>Adaptive discriminator augmentation: auto (adaptive where the GAN kind lets D's inputs be augmented and
/// tricks.diff_augment is not chosen, else off; resolved when a run starts); off; adaptive (p steered by D's
/// overfitting); fixed (p stays ada_p); scheduled (p rises from 0 to ada_p over ada_kimg thousand images, as R3GAN).</summary>
public enum AdaMode { Auto, Off, Adaptive, Fixed, Scheduled }

/// <summary>Stabilisation tricks from the original projects and beyond; each off (or neutral) by default but for
/// three that the main job measured worth having on any run (docs/quality.md): adaptive augmentation, the EMA of G
/// and the learning rates' ramp-down at the end.</summary>
public sealed record TricksConfig
{
    /// <summary>One-sided label smoothing: real target 1 − s (the flower GAN and the car-logo ACGAN used 0.1, i.e. 0.9).</summary>
    public double LabelSmoothing { get; init; }
    /// <summary>Soft noisy labels: real ~ U(0.8, 1.2), fake ~ U(0, 0.2) (the anime-face report).</summary>
    public bool SoftLabels { get; init; }
    /// <summary>Probability of swapping a sample's real/fake target for D (the bird DCGAN).</summary>
    public double LabelFlip { get; init; }
    /// <summary>Instance noise: σ of Gaussian noise added to every D input at epoch 1 (the flower GAN); 0 = off.</summary>
    public double InstanceNoise { get; init; }
    /// <summary>linear: σ falls to 0 at instance_noise_epochs; exponential: σ·0.5^(epoch / instance_noise_epochs).</summary>
    public NoiseDecay InstanceNoiseDecay { get; init; } = NoiseDecay.Linear;
    /// <summary>Epochs of the decay (0 = the whole run).</summary>
    public int InstanceNoiseEpochs { get; init; }
    /// <summary>Per-epoch learning-rate factor for both players (the flower GAN decayed it); 1 = constant.</summary>
    public double LrDecay { get; init; } = 1.0;
    /// <summary>The last share of train.epochs over which both learning rates fall linearly towards 0 (pix2pix's and
    /// CycleGAN's linear decay, at the end of the run only), so a run ends where G settles rather than wherever its
    /// last steps happened to leave it; 0 = off. The main job's six runs ended within 1.37× of each other with it,
    /// 1.46× without (docs/quality.md). Counted from train.epochs as it is now, so resuming with more epochs moves it
    /// to the new end.</summary>
    public double LrRampDown { get; init; } = 0.25;
    /// <summary>D updates per G update (the car-logo ACGAN used 3:1).</summary>
    public int DSteps { get; init; } = 1;
    /// <summary>G updates per round.</summary>
    public int GSteps { get; init; } = 1;
    /// <summary>G's batch of fresh noise as a multiple of the real batch (the bird DCGAN used 2).</summary>
    public int GBatchMultiplier { get; init; } = 1;
    /// <summary>Weight of feature matching added to G's loss: ‖mean f(x) − mean f(G(z))‖² on D's last hidden
    /// features (Salimans et al.; the car-logo ACGAN). 0 = off.</summary>
    public double FeatureMatching { get; init; }
    /// <summary>A fixed decay of the exponential moving average of G's weights (grids, sampling, metrics); when &gt; 0
    /// it replaces the half-life below. 0 = use the half-life; 0.999 is typical.</summary>
    public double Ema { get; init; }
    /// <summary>The EMA's half-life in thousands of real images, StyleGAN2-ADA's ema_kimg and its default:
    /// β = 0.5^(batch / (ema_kimg·1000)) each G step. 0 (with ema 0) = no EMA.</summary>
    public double EmaKimg { get; init; } = 10;
    /// <summary>Ramp-up of the half-life, StyleGAN2-ADA's ema_rampup and its default: at most images seen × this, so
    /// the average forgets G's first steps quickly (the main job's 29k images end at a half-life of 1.5k). 0 = off.</summary>
    public double EmaRampup { get; init; } = 0.05;
    /// <summary>DiffAugment policy applied to real and fake before D, e.g. "color,translation,cutout"; empty = off.</summary>
    public string DiffAugment { get; init; } = "";
    /// <summary>γ of R1, γ/2·E‖∇ₓD(x)‖² on reals (Mescheder et al. 2018; StyleGAN2, R3GAN); 0 = off.</summary>
    public double R1Gamma { get; init; }
    /// <summary>γ of R2, the same penalty on fakes (Mescheder et al. 2018; R3GAN); 0 = off.</summary>
    public double R2Gamma { get; init; }
    /// <summary>Lazy regularisation: R1/R2 on every this-many-th D step, scaled by it (StyleGAN2: 16); 1 = every step.</summary>
    public int RInterval { get; init; } = 1;
    /// <summary>Adaptive discriminator augmentation (Karras et al. 2020, StyleGAN2-ADA): x-flip, 90° rotations,
    /// translation, scaling, rotation and colour on every image D sees, each with probability p.</summary>
    public AdaMode Ada { get; init; } = AdaMode.Auto;
    /// <summary>The r_t = E[sign(D(real))] that adaptive p aims for: above it p rises, below it falls (StyleGAN2-ADA: 0.6).</summary>
    public double AdaTarget { get; init; } = 0.6;
    /// <summary>p at the start (adaptive), throughout (fixed) or at the end of the ramp (scheduled); StyleGAN2-ADA starts
    /// at 0, R3GAN's schedules end at 0.3 (FFHQ) to 0.55 (CIFAR-10).</summary>
    public double AdaP { get; init; }
    /// <summary>D steps between adjustments of adaptive p (StyleGAN2-ADA: 4).</summary>
    public int AdaInterval { get; init; } = 4;
    /// <summary>Thousands of real images over which adaptive p can move from 0 to 1, or scheduled p rises from 0 to
    /// ada_p (a half cosine). StyleGAN2-ADA uses 500 for runs of tens of millions of images; a CPU run sees tens of
    /// thousands (the main job 29k), and at 10 adaptive p follows D within a fifth of it (measured: docs/quality.md).
    /// R3GAN ramps its scheduled p over its whole schedule (20 million images).</summary>
    public double AdaKimg { get; init; } = 10;
}

/// <summary>WGAN's critic schedule and clipping (Arjovsky et al.; the bird DCGAN, the anime-face report).</summary>
public sealed record WganConfig
{
    /// <summary>Critic weights are clamped to ±clip after every critic step (loss wgan).</summary>
    public double Clip { get; init; } = 0.01;
    /// <summary>Critic steps per G step normally.</summary>
    public int CriticSteps { get; init; } = 5;
    /// <summary>Critic steps per G step during warm-up and on every boost step.</summary>
    public int CriticStepsBoost { get; init; } = 100;
    /// <summary>The first this many G steps get the boost.</summary>
    public int WarmupGSteps { get; init; } = 25;
    /// <summary>Every this-many-th G step gets the boost again.</summary>
    public int BoostEvery { get; init; } = 500;
    /// <summary>λ of the gradient penalty (loss wgan-gp).</summary>
    public double GpLambda { get; init; } = 10;
}

public enum CollapseAction { Warn, Stop, Rollback }

/// <summary>The flower GAN saw training collapse once D told real from fake 100 % of the time: watch for it.</summary>
public sealed record CollapseConfig
{
    /// <summary>D accuracy at or above this counts as a collapsing epoch.</summary>
    public double Accuracy { get; init; } = 0.99;
    /// <summary>Consecutive collapsing epochs before acting; 0 = never watch accuracy (NaN/inf is always watched).</summary>
    public int Epochs { get; init; }
    public CollapseAction Action { get; init; } = CollapseAction.Warn;
    /// <summary>Learning-rate factor applied on each rollback.</summary>
    public double RollbackLrFactor { get; init; } = 0.5;
}
