namespace SharpGan.Recipes.Kinds;

/// <summary>What a GAN kind trains on.</summary>
[Flags]
public enum KindData
{
    /// <summary>An image folder, <c>data.path</c>.</summary>
    Images = 1,

    /// <summary>A class per image: <c>data.labels</c> must not be none.</summary>
    Classes = 2,

    /// <summary>Multi-hot tags instead of classes are welcome (<c>data.labels</c> tags).</summary>
    Tags = 4,

    /// <summary>Images a labels file leaves out stay in as unlabelled ones (the semi-supervised GAN learns from them).</summary>
    Unlabelled = 8,

    /// <summary>A mask per image (<c>data.masks</c>), drawn from for G's inputs in training.</summary>
    Masks = 16,

    /// <summary>Input/target pairs (a paired folder) instead of an image folder, with held-out pairs for the grid.</summary>
    Pairs = 32,
}
