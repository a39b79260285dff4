using SharpGan.DataTools;

namespace SharpGan.Tests.DataTools;

public class CompositeBackgroundsTests
{
    [Fact]
    public void A_gradient_runs_from_one_colour_to_the_other_with_faint_noise()
    {
        // Left to right, black to white: the first column is near 0, the last near 255, every step within the noise.
        var rgb = CompositeBackgrounds.Gradient(new GradientPlan((0, 0, 0), (255, 255, 255), Degrees: 0, NoiseSeed: 9), 32);

        for (int y = 0; y < 32; y++)
            for (int x = 0; x < 32; x++)
            {
                double clean = (x + 0.5) / 32 * 255;
                for (int c = 0; c < 3; c++)
                    Assert.InRange(rgb[3 * (y * 32 + x) + c], clean - 9, clean + 9);
            }
        Assert.True(rgb.Distinct().Count() > 100, "noise should make nearly every value appear");
        Assert.NotEqual(rgb[0..3], rgb[(3 * 32)..(3 * 32 + 3)]);     // not flat down a column either
    }

    [Fact]
    public void Without_noise_a_gradient_is_clean()
    {
        var rgb = CompositeBackgrounds.Gradient(new GradientPlan((0, 0, 0), (255, 255, 255), Degrees: 0, NoiseSeed: 9, NoiseAmplitude: 0), 32);
        for (int x = 0; x < 32; x++)
            Assert.Equal((byte)Math.Round((x + 0.5) / 32 * 255), rgb[3 * (5 * 32 + x)]);
        Assert.Equal(rgb[0..(3 * 32)], rgb[(3 * 32 * 7)..(3 * 32 * 8)]);   // every row alike
    }

    [Fact]
    public void Value_noise_puts_the_lattice_corners_on_the_canvas_corners()
    {
        var colours = Enumerable.Range(0, 4 * 4 * 3).Select(i => (byte)(i * 5)).ToArray();

        var rgb = CompositeBackgrounds.ValueNoise(new ValueNoisePlan(4, colours), 32);

        Assert.Equal(colours[0..3], rgb[0..3]);
        Assert.Equal(colours[(3 * 3)..(3 * 3 + 3)], rgb[(3 * 31)..(3 * 31 + 3)]);
        Assert.Equal(colours[^3..], rgb[^3..]);
        // Smooth: side by side, pixels differ by a fraction of one lattice step (15 here, spread over ~10 pixels).
        for (int i = 3; i < rgb.Length; i++)
            if (i % (3 * 32) >= 3)
                Assert.InRange(Math.Abs(rgb[i] - rgb[i - 3]), 0, 3);
    }
}
