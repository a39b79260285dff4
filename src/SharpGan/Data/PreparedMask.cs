namespace SharpGan.Data;

/// <summary>One mask file at a generator's size: bytes 0 or 255 (S×S), the file's own size, and what looked wrong with it.</summary>
public sealed record PreparedMask(string Path, byte[] Mask, int SourceWidth, int SourceHeight, MaskFlaw Flaws);
