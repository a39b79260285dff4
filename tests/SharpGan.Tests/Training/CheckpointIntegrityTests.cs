using System.Buffers.Binary;
using SharpGan.Config;
using SharpGan.Tests.Cli;
using SharpGan.Training;

namespace SharpGan.Tests.Training;

/// <summary>Checkpoints that prove themselves: damage is found and named, the previous checkpoint stands in, a
/// failed write leaves nothing partial and loses nothing.</summary>
public class CheckpointIntegrityTests
{
    static SharpGanConfig Run(string dir, int epochs, int checkpointEvery = 1)
    {
        var config = TinyRun.Config(dir, epochs);
        return config with { Train = config.Train with { CheckpointEvery = checkpointEvery }, Tricks = config.Tricks with { Ema = 0.9 } };
    }

    static void Train(SharpGanConfig config)
    {
        var (trainer, _) = TrainingSession.Open(config, []);
        using (trainer) trainer.Run();
    }

    /// <summary>Where each entry's stored bytes lie in the zip, from its central directory (entries are stored, not deflated).</summary>
    static Dictionary<string, (long Offset, long Length)> EntryData(byte[] zip)
    {
        int end = zip.Length - 22;
        while (BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(end)) != 0x06054b50) end--;
        int count = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(end + 10));
        int at = (int)BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(end + 16));
        var result = new Dictionary<string, (long, long)>();
        for (int i = 0; i < count; i++)
        {
            long size = BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(at + 20));
            int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(at + 28));
            int extra = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(at + 30));
            int comment = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(at + 32));
            int local = (int)BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(at + 42));
            var name = System.Text.Encoding.UTF8.GetString(zip, at + 46, nameLength);
            int data = local + 30 + BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(local + 26)) + BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(local + 28));
            result[name] = (data, size);
            at += 46 + nameLength + extra + comment;
        }
        return result;
    }

    [Fact]
    public void A_flipped_byte_in_any_entry_is_found_and_the_entry_named()
    {
        using var dir = new TempDir();
        Train(Run(dir.Path, 1));
        var file = RunCheckpoints.LastOf(dir.Path);
        var good = File.ReadAllBytes(file);
        var entries = EntryData(good);
        Assert.Contains("generator_ema.bin", entries.Keys);
        Assert.Equal(9, entries.Count);
        foreach (var (name, (offset, length)) in entries)
        {
            var bad = (byte[])good.Clone();
            bad[offset + length / 2] ^= 0x10;
            var damaged = dir[$"{name}.ckpt"];
            File.WriteAllBytes(damaged, bad);
            var e = Assert.Throws<DamagedCheckpointException>(() => Checkpoint.Read(damaged));
            Assert.Contains($"entry {name}", e.Message);
            Assert.Contains(damaged, e.Message);
        }
    }

    [Fact]
    public void The_issue_s_case_4096_flipped_bytes_of_the_generator_are_refused_by_sample()
    {
        using var dir = new TempDir();
        Train(Run(dir.Path, 1, checkpointEvery: 10));
        var file = RunCheckpoints.LastOf(dir.Path);
        var bytes = File.ReadAllBytes(file);
        var (offset, length) = EntryData(bytes)["generator.bin"];
        for (long i = offset + length / 4; i < offset + length / 4 + 4096; i++) bytes[i] ^= 0xFF;
        File.WriteAllBytes(file, bytes);

        var (exit, output) = CliProcess.Run(["sample", "--checkpoint", dir.Path, "-n", "2", "--out", dir["out"]]);

        Assert.Equal(2, exit);
        Assert.Contains("entry generator.bin fails its CRC check", output);
        Assert.Contains("no previous.ckpt to fall back to", output);
        CliProcess.AssertNoStackTrace(output);
        Assert.False(Directory.Exists(dir["out"]));
    }

    [Fact]
    public void A_damaged_last_checkpoint_falls_back_to_the_previous_one_and_says_so()
    {
        using var dir = new TempDir();
        var config = Run(dir.Path, 2);
        Train(config);
        var file = RunCheckpoints.LastOf(dir.Path);
        var bytes = File.ReadAllBytes(file);
        var (offset, length) = EntryData(bytes)["discriminator.bin"];
        bytes[offset + length - 1] ^= 1;
        File.WriteAllBytes(file, bytes);

        var checkpoint = RunCheckpoints.Load(dir.Path);

        Assert.Single(checkpoint.State.History);   // previous.ckpt: written after epoch 1
        Assert.Equal(RunCheckpoints.PreviousOf(dir.Path), checkpoint.Path);
        Assert.Contains("entry discriminator.bin fails its CRC check", checkpoint.Notice);
        Assert.Contains("previous.ckpt", checkpoint.Notice);

        // Resuming trains on from there, and run.log keeps what happened.
        var (exit, output) = CliProcess.Run(["train", "--resume", dir.Path]);
        Assert.Equal(0, exit);
        Assert.Contains("is damaged", output);
        Assert.Equal(2, RunCheckpoints.Load(dir.Path).State.History.Count);
        Assert.Contains("using '" + RunCheckpoints.PreviousOf(dir.Path) + "'", File.ReadAllText(Path.Combine(dir.Path, RunFolder.LogFile)));
    }

    [Fact]
    public void A_truncated_checkpoint_with_nothing_to_fall_back_to_says_what_to_do()
    {
        using var dir = new TempDir();
        Train(Run(dir.Path, 1));
        var file = RunCheckpoints.LastOf(dir.Path);
        var bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes[..(bytes.Length / 2)]);

        var e = Assert.Throws<DamagedCheckpointException>(() => RunCheckpoints.Load(dir.Path));

        Assert.Contains(file, e.Message);
        Assert.Contains("not a readable zip (cut short, or its directory overwritten)", e.Message);
        Assert.Contains("--overwrite", e.Message);

        File.Copy(Repo.Path("data", "flowers", "google-cactus.png"), file, overwrite: true);   // another kind of file
        Assert.Contains("not a zip file at all, as every checkpoint is", Assert.Throws<DamagedCheckpointException>(() => RunCheckpoints.Load(dir.Path)).Message);
    }

    [Fact]
    public void A_missing_last_checkpoint_after_an_interrupted_save_falls_back_to_the_previous_one()
    {
        using var dir = new TempDir();
        Train(Run(dir.Path, 2));
        File.Delete(RunCheckpoints.LastOf(dir.Path));   // what a kill between the save's two renames leaves

        var checkpoint = RunCheckpoints.Load(dir.Path);

        Assert.Single(checkpoint.State.History);
        Assert.Contains("is missing", checkpoint.Notice);
    }

    [Fact]
    public void Disk_full_while_saving_ends_with_one_line_removes_the_partial_file_and_keeps_the_last_checkpoint()
    {
        using var dir = new TempDir();
        Train(Run(dir.Path, 1));
        var file = RunCheckpoints.LastOf(dir.Path);
        var intact = File.ReadAllBytes(file);
        // Writes to /dev/full fail with ENOSPC: the save's temp file as a link to it is a disk that is full.
        File.CreateSymbolicLink(file + ".tmp", "/dev/full");

        var (exit, output) = CliProcess.Run(["train", "--resume", dir.Path, "--epochs", "2"]);

        Assert.Equal(2, exit);
        Assert.Contains($"could not write checkpoint '{file}'", output);
        Assert.Contains("No space left on device", output);
        Assert.Contains("from before is intact", output);
        CliProcess.AssertNoStackTrace(output);
        Assert.Equal(intact, File.ReadAllBytes(file));
        Assert.False(Path.Exists(file + ".tmp"));
        Assert.Single(RunCheckpoints.Load(dir.Path).State.History);
    }
}
