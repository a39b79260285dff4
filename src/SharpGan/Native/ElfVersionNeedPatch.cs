using System.Buffers.Binary;
using System.Text;

namespace SharpGan.Native;

/// <summary>
/// Makes one symbol-version requirement of an ELF64 shared library optional, in memory.
/// </summary>
/// <remarks>
/// TorchSharp 0.107's libLibTorchSharp.so was linked by GCC 13, whose &lt;iostream&gt; leaves a bare reference to
/// <c>std::ios_base_library_init()</c> at version GLIBCXX_3.4.32. Debian 12's libstdc++ stops at 3.4.30, so the
/// loader refuses the library although nothing ever calls that marker. Two edits fix it (shared/NOTES.md):
/// set VER_FLG_WEAK on the Vernaux entry that names the version (the loader then accepts its absence), and give
/// every dynamic symbol bound to that version the plain global version index 1 (what
/// <c>patchelf --clear-symbol-version</c> does), so the symbol table stays honest.
/// </remarks>
internal static class ElfVersionNeedPatch
{
    const uint ShtDynsym = 11;
    const uint ShtGnuVerneed = 0x6ffffffe;
    const uint ShtGnuVersym = 0x6fffffff;
    const ushort VerFlagWeak = 0x2;
    const ushort VersionIndexGlobal = 1;

    /// <summary>What the patch found, and whether it changed the image.</summary>
    public sealed record Result(bool VersionNeeded, bool Changed, IReadOnlyList<string> ClearedSymbols);

    /// <summary>
    /// Marks <paramref name="version"/> weak in <c>.gnu.version_r</c> and clears the version of the symbols bound to it.
    /// Idempotent: an image that is already patched comes back unchanged with <c>Changed == false</c>.
    /// </summary>
    /// <exception cref="InvalidDataException">The bytes are not a little-endian ELF64 image.</exception>
    public static Result Apply(byte[] image, string version)
    {
        var sections = ReadSections(image);
        var verneed = sections.FirstOrDefault(s => s.Type == ShtGnuVerneed);
        if (verneed is null)
            return new Result(false, false, []);

        bool changed = false;
        var versionIndexes = new HashSet<ushort>();
        var verneedStrings = sections[(int)verneed.Link];
        long need = verneed.Offset;
        for (uint i = 0; i < verneed.Info; i++)
        {
            ushort auxCount = U16(image, need + 2);
            long aux = need + U32(image, need + 8);
            for (int j = 0; j < auxCount; j++)
            {
                string name = CString(image, verneedStrings.Offset + U32(image, aux + 8));
                if (name == version)
                {
                    versionIndexes.Add((ushort)(U16(image, aux + 6) & 0x7fff));
                    ushort flags = U16(image, aux + 4);
                    if ((flags & VerFlagWeak) == 0)
                    {
                        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan((int)(aux + 4)), (ushort)(flags | VerFlagWeak));
                        changed = true;
                    }
                }
                aux += U32(image, aux + 12);
            }
            uint next = U32(image, need + 12);
            if (next == 0) break;
            need += next;
        }
        if (versionIndexes.Count == 0)
            return new Result(false, false, []);

        var cleared = new List<string>();
        var versym = sections.FirstOrDefault(s => s.Type == ShtGnuVersym);
        var dynsym = sections.FirstOrDefault(s => s.Type == ShtDynsym);
        if (versym is not null && dynsym is not null)
        {
            var symbolNames = sections[(int)dynsym.Link];
            long count = versym.Size / 2;
            for (long k = 0; k < count; k++)
            {
                long at = versym.Offset + 2 * k;
                ushort index = U16(image, at);
                if (!versionIndexes.Contains((ushort)(index & 0x7fff)))
                    continue;
                BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan((int)at), VersionIndexGlobal);
                cleared.Add(CString(image, symbolNames.Offset + U32(image, dynsym.Offset + 24 * k)));
                changed = true;
            }
        }
        return new Result(true, changed, cleared);
    }

    sealed record Section(uint Type, long Offset, long Size, uint Link, uint Info);

    static List<Section> ReadSections(byte[] image)
    {
        if (image.Length < 64 || image[0] != 0x7f || image[1] != 'E' || image[2] != 'L' || image[3] != 'F')
            throw new InvalidDataException("not an ELF file");
        if (image[4] != 2 || image[5] != 1)
            throw new InvalidDataException("not a little-endian 64-bit ELF file");
        long tableOffset = (long)U64(image, 0x28);
        ushort entrySize = U16(image, 0x3a);
        ushort count = U16(image, 0x3c);
        var sections = new List<Section>(count);
        for (int i = 0; i < count; i++)
        {
            long h = tableOffset + (long)i * entrySize;
            sections.Add(new Section(U32(image, h + 4), (long)U64(image, h + 24), (long)U64(image, h + 32), U32(image, h + 40), U32(image, h + 44)));
        }
        return sections;
    }

    static ushort U16(byte[] b, long at) => BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan((int)at));
    static uint U32(byte[] b, long at) => BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan((int)at));
    static ulong U64(byte[] b, long at) => BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan((int)at));

    static string CString(byte[] b, long at)
    {
        int end = Array.IndexOf(b, (byte)0, (int)at);
        return Encoding.ASCII.GetString(b, (int)at, end - (int)at);
    }
}
