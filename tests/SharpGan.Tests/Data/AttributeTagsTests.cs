using SharpGan.Config;
using SharpGan.Data;
using static TorchSharp.torch;

namespace SharpGan.Tests.Data;

/// <summary>The anime-face report's tag rules on the tiny fixture: a vendor group (google, twitter) and a colour group.</summary>
public class AttributeTagsTests
{
    internal static readonly string[] TagRows =
    [
        "file,tags",
        "google-hibiscus.png,google;red", "google-rose.png,red;google", "google-sunflower.png,google;yellow",
        "google-tulip.png,google;pink", "twitter-hibiscus.png,twitter;red", "twitter-sunflower.png,twitter;yellow",
        "twitter-tulip.png,twitter;google;pink",   // two vendors: dropped
        // twitter-rose.png has no row: dropped
    ];
    internal static readonly string[] GroupLines = ["# exclusive groups", "vendor: google, twitter", "colour: red, yellow, pink"];

    static readonly string Root = Repo.Fixture("tiny");
    static readonly string[] Paths = Directory.GetFiles(Root).Order(StringComparer.Ordinal).ToArray();

    static AttributeTags Parse(string[]? groups = null) =>
        AttributeTags.Parse("tags.csv", TagRows, Root, Paths, "groups.txt", TagGroup.Parse("groups.txt", groups ?? GroupLines));

    [Fact]
    public void Tags_become_sorted_vocabulary_and_multi_hot_rows()
    {
        var tags = Parse();
        Assert.Equal(["google", "pink", "red", "twitter", "yellow"], tags.Vocabulary);
        Assert.Equal([0, 1, 2, 3, 4, 6], tags.Kept);   // indices into the sorted fixture files
        Assert.Equal([1f, 0, 1, 0, 0], tags.MultiHot.Take(5));              // google-hibiscus: google, red
        Assert.Equal([0f, 0, 0, 1, 1], tags.MultiHot.Skip(5 * 5).Take(5));  // twitter-sunflower: twitter, yellow
    }

    [Fact]
    public void Two_tags_of_one_group_and_missing_rows_are_dropped_and_reported()
    {
        Assert.Equal([
            new DroppedImage("twitter-rose.png", "no row"),
            new DroppedImage("twitter-tulip.png", "two tags of one group", "vendor", "twitter;google"),
        ], Parse().Dropped);
        Assert.DoesNotContain(AttributeTags.Parse("tags.csv", TagRows, Root, Paths).Dropped, d => d.Group.Length > 0);   // no groups: no conflicts
    }

    [Fact]
    public void A_group_tag_no_row_uses_is_refused_by_name()
    {
        var e = Assert.Throws<DataException>(() => Parse(["vendor: google, twitter, apple"]));
        Assert.Contains("group 'vendor' names tag 'apple'", e.Message);
        Assert.Contains("google, pink, red, twitter, yellow", e.Message);
        Assert.Contains("groups.txt line 1", Assert.Throws<DataException>(() => TagGroup.Parse("groups.txt", ["no colon here"])).Message);
    }

    [Fact]
    public void Tags_travel_with_their_images_through_the_loader()
    {
        var images = ImageFolder.Load(new DataConfig { Path = Root }, 32).Images;
        var tags = Parse();
        var tagged = images.Subset(tags.Kept).WithTags(tags.Vocabulary, tags.MultiHot);
        Assert.Equal(tags.Kept.Select(i => images.Paths[i]), tagged.Paths);
        var loader = new BatchLoader(tagged, 4, 3);
        var order = loader.Order(1);
        using var scope = NewDisposeScope();
        var batch = loader.Epoch(1).First().ToBatch();
        Assert.Equal([4L, 5], batch.Tags!.shape);
        Assert.Equal(order.Take(4).SelectMany(i => tags.MultiHot.Skip(i * 5).Take(5)), batch.Tags.data<float>().ToArray());
        Assert.Null(batch.Labels);
    }
}
