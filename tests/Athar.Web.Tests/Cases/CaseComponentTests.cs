using System.Text.Json.Nodes;
using Athar.Imaging.Raster;
using Athar.TestSupport;
using Athar.Web.Cases;
using Microsoft.Extensions.Options;

namespace Athar.Web.Tests.Cases;

/// <summary>The pieces behind the case pages, without a server: card rectification, face regions, the thesaurus, the charts.</summary>
public sealed class CaseComponentTests
{
    [Fact]
    public void Rectify_maps_the_quad_onto_the_whole_output_and_undoes_a_rotation()
    {
        // A 200x200 grey image, dark everywhere but a bright square whose corners we hand over rotated by a quarter turn:
        // the output must be bright everywhere, and a dark mark at the square's "top-left" (as named) lands top-left.
        using var image = ImageBuffer.Create(200, 200, PixelLayout.Gray8);
        for (var y = 50; y < 150; y++) image.Row(y)[50..150].Fill(230);
        for (var y = 130; y < 148; y++) image.Row(y)[52..70].Fill(20); // near the image's bottom-left corner of the square
        // Clockwise from the writing's top-left: the square's bottom-left, top-left, top-right, bottom-right (a quarter turn).
        (double, double)[] quad = [(50, 150), (50, 50), (150, 50), (150, 150)];
        using var card = CardCrops.Rectify(image, quad, 100, 80);
        Assert.Equal((100, 80), (card.Width, card.Height));
        Assert.True(card.Row(2)[2] < 60, $"the mark should be at the top-left, found {card.Row(2)[2]}");
        Assert.True(card.Row(70)[90] > 200 && card.Row(40)[50] > 200, "the rest of the card is bright");
    }

    [Fact]
    public void A_quad_is_read_only_from_a_found_reading_with_four_points()
    {
        Assert.NotNull(CardCrops.Quad(JsonNode.Parse("""{"found":true,"quad":[[1,2],[3,2],[3,4],[1,4]]}""")!.AsObject()));
        Assert.Null(CardCrops.Quad(JsonNode.Parse("""{"found":false,"quad":[[1,2],[3,2],[3,4],[1,4]]}""")!.AsObject()));
        Assert.Null(CardCrops.Quad(JsonNode.Parse("""{"found":true,"quad":[[1,2],[3,2],[3,4]]}""")!.AsObject()));
        Assert.Null(CardCrops.Quad(JsonNode.Parse("""{"found":true,"quad":[[1,2],[3,"x"],[3,4],[1,4]]}""")!.AsObject()));
        Assert.Null(CardCrops.Quad(null));
    }

    [Theory]
    [InlineData(0, 0, 1, 1, true)]
    [InlineData(0.5, 0.5, 0.5, 0.5, true)]
    [InlineData(0.6, 0, 0.5, 0.5, false)]   // past the right edge
    [InlineData(-0.1, 0, 0.5, 0.5, false)]
    [InlineData(0, 0, 0.01, 0.5, false)]    // too thin
    [InlineData(double.NaN, 0, 0.5, 0.5, false)]
    public void A_face_region_lies_inside_the_photo(double x, double y, double w, double h, bool valid) =>
        Assert.Equal(valid, FaceRegion.Create(x, y, w, h) is not null);

    [Fact]
    public void The_thesaurus_defaults_to_the_published_categories_and_an_archive_file_replaces_it()
    {
        using var temp = new TempDirectory("signs");
        var options = Options.Create(new AtharWebOptions { Archive = temp.Path });
        Assert.Equal(["beating", "emaciation", "strangulation", "burns", "eye-injury", "gunshot", "other"], new CaseSigns(options).All.Select(s => s.Code));
        temp.WriteFile(CaseSigns.FileName, """[{"code":"fracture","label":"Fractures"},{"code":"other","label":"Other"}]"""u8.ToArray());
        var signs = new CaseSigns(options);
        Assert.Equal(["fracture", "other"], signs.All.Select(s => s.Code));
        Assert.Equal("Fractures", signs.Find("fracture")!.Label);
        temp.WriteFile(CaseSigns.FileName, """[{"code":"Bad Code","label":"x"}]"""u8.ToArray());
        Assert.Throws<InvalidOperationException>(() => new CaseSigns(options));
        temp.WriteFile(CaseSigns.FileName, """[{"code":"a","label":"x"},{"code":"a","label":"y"}]"""u8.ToArray());
        Assert.Throws<InvalidOperationException>(() => new CaseSigns(options));
    }

    [Fact]
    public void A_chart_encodes_its_labels_and_folds_the_tail()
    {
        var bars = Enumerable.Range(0, 50).Select(i => new Bar(i == 0 ? "<script>" : "b" + i, 50 - i)).ToList();
        var svg = SvgBarChart.Render("Per <branch>", bars);
        Assert.DoesNotContain("<script>", svg, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", svg, StringComparison.Ordinal);
        Assert.Equal(SvgBarChart.MaxBars, System.Text.RegularExpressions.Regex.Count(svg, "<g class=\"bar\">"));
        Assert.Contains("11 others", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", svg, StringComparison.Ordinal);
    }
}
