using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;

namespace SharpGan.Data;

/// <summary>What a decoded cache says of its pictures besides their bytes: what <see cref="ImageFolder.Load"/> would
/// report, so a reused cache answers as a fresh decode would. Paths are relative to the data folder.</summary>
internal sealed record CacheContents(string[] Paths, bool[] HadAlpha, int Found, SkippedFile[] Skipped, string[] Notes);

/// <summary>
/// One decoded set in one file: a 4 KiB header, then one fixed-size record per picture (RGB planes, then alpha:
/// 4 × S² bytes, so picture i sits at 4096 + i × 4S² and is read without an index), then the JSON of its
/// <see cref="CacheContents"/>. The header holds the format version, the fingerprint of what made the file, and a
/// SHA-256 of everything else; a file that fails any check (truncated, flipped, another version, another folder
/// state) is not opened, and its caller builds it again. Written under a temporary name and renamed into place, so
/// a reader sees a whole file or none.
/// </summary>
internal static class DecodedCacheFile
{
    /// <summary>Bump when the layout changes, or when <see cref="ImageLoader"/> decodes the same file to other bytes.</summary>
    public const int Version = 1;
    const int RecordsAt = 4096;
    static readonly byte[] Magic = "SGDECODE"u8.ToArray();
    // magic 8 | version 4 | size 4 | count 4 | contents length 4 | contents offset 8 | fingerprint 32 | digest 32
    const int FingerprintAt = 32, DigestAt = 64, HeaderLength = 96;

    /// <summary>Appends records to a temporary file; <see cref="Commit"/> writes the rest and renames it into place,
    /// disposing without a commit removes it.</summary>
    internal sealed class Writer : IDisposable
    {
        readonly string target, temp;
        readonly FileStream stream;
        readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        readonly int size;
        readonly byte[] fingerprint;
        int count;

        public Writer(string target, int size, byte[] fingerprint)
        {
            (this.target, this.size, this.fingerprint) = (target, size, fingerprint);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
            temp = $"{target}.{Environment.ProcessId}.tmp";
            stream = new FileStream(temp, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 20);
            stream.Write(new byte[RecordsAt]);
        }

        public void Append(PreparedImage image)
        {
            if (image.Size != size) throw new ArgumentException($"{image.Path} is {image.Size}px, the cache is {size}px");
            stream.Write(image.Rgb);
            stream.Write(image.Alpha);
            hash.AppendData(image.Rgb);
            hash.AppendData(image.Alpha);
            count++;
        }

        /// <summary>The finished file, renamed over any file of that name (a stale cache is replaced, not kept), opened
        /// for reading without checking again what was just written.</summary>
        public DiskImageStore Commit(CacheContents contents)
        {
            var json = JsonSerializer.SerializeToUtf8Bytes(contents);
            long contentsAt = stream.Position;
            stream.Write(json);
            hash.AppendData(json);
            var header = Header(size, count, json.Length, contentsAt, fingerprint);
            hash.AppendData(header.AsSpan(0, DigestAt));
            hash.GetHashAndReset().CopyTo(header, DigestAt);
            stream.Position = 0;
            stream.Write(header);
            stream.Flush(flushToDisk: true);
            stream.Dispose();
            File.Move(temp, target, overwrite: true);
            return new DiskImageStore(OpenForReading(target), target, RecordsAt, count, size);
        }

        public void Dispose()
        {
            stream.Dispose();
            hash.Dispose();
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    static byte[] Header(int size, int count, int contentsLength, long contentsAt, byte[] fingerprint)
    {
        var header = new byte[HeaderLength];
        Magic.CopyTo(header, 0);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(8), Version);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(12), size);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(16), count);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(20), contentsLength);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(24), contentsAt);
        fingerprint.CopyTo(header, FingerprintAt);
        return header;
    }

    /// <summary>The store and contents of the cache at <paramref name="path"/> when it is whole and was made from
    /// <paramref name="fingerprint"/> at <paramref name="size"/> px; otherwise null and why not.</summary>
    public static (DiskImageStore? Store, CacheContents? Contents, string Why) Open(string path, int size, byte[] fingerprint)
    {
        if (!File.Exists(path)) return (null, null, "none yet");
        SafeFileHandle? file = null;
        try
        {
            file = OpenForReading(path);
            var (store, contents, why) = Verify(file, path, size, fingerprint);
            if (store is null) file.Dispose();
            return (store, contents, why);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            file?.Dispose();
            return (null, null, $"unreadable ({e.Message})");
        }
    }

    /// <summary>Shared for deletion, so a rebuild can rename a new cache over one that a running set still reads.</summary>
    static SafeFileHandle OpenForReading(string path) =>
        File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, FileOptions.RandomAccess);

    static (DiskImageStore?, CacheContents?, string) Verify(SafeFileHandle file, string path, int size, byte[] fingerprint)
    {
        long length = RandomAccess.GetLength(file);
        var header = new byte[HeaderLength];
        if (length < RecordsAt || RandomAccess.Read(file, header, 0) < HeaderLength || !header.AsSpan(0, 8).SequenceEqual(Magic))
            return (null, null, "not a decoded cache (truncated or overwritten)");
        int version = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(8));
        if (version != Version) return (null, null, $"format {version}, this SharpGan writes {Version}");
        if (!header.AsSpan(FingerprintAt, 32).SequenceEqual(fingerprint)) return (null, null, "made from another state of the folder");
        int recordedSize = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(12));
        int count = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(16));
        int contentsLength = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(20));
        long contentsAt = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(24));
        if (recordedSize != size || count < 0 || contentsLength <= 0 || contentsAt != RecordsAt + (long)count * 4 * size * size
            || length != contentsAt + contentsLength)
            return (null, null, "damaged (its length does not match its header)");
        if (!Digest(file, length, header).AsSpan().SequenceEqual(header.AsSpan(DigestAt, 32)))
            return (null, null, "damaged (its checksum does not match)");
        var json = new byte[contentsLength];
        RandomAccess.Read(file, json, contentsAt);
        var contents = JsonSerializer.Deserialize<CacheContents>(json);
        if (contents is null || contents.Paths.Length != count || contents.HadAlpha.Length != count)
            return (null, null, "damaged (its contents do not match its header)");
        return (new DiskImageStore(file, path, RecordsAt, count, size), contents, "reused");
    }

    /// <summary>SHA-256 of the records and contents, then the header up to the digest: the order they are written in.
    /// Read through one buffer, so checking a 3 GB cache does not grow the resident set.</summary>
    static byte[] Digest(SafeFileHandle file, long length, byte[] header)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        for (long at = RecordsAt; at < length;)
        {
            int read = RandomAccess.Read(file, buffer.AsSpan(0, (int)Math.Min(buffer.Length, length - at)), at);
            if (read == 0) break;
            hash.AppendData(buffer, 0, read);
            at += read;
        }
        hash.AppendData(header, 0, DigestAt);
        return hash.GetHashAndReset();
    }
}
