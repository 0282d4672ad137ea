using Athar.Core.Analysis;
using Athar.Forensics.Analyzers;

namespace Athar.Forensics.Tests.Analyzers;

public sealed class TimeConsistencyAnalyzerTests(ITestOutputHelper output)
{
    private readonly TimeConsistencyAnalyzer _analyzer = new(new FixedClock(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private IReadOnlyList<Finding> Run(Athar.Imaging.Exif.ExifProfile profile) => AnalyzerFixtures.Run(_analyzer, AnalyzerFixtures.WithExif(profile));

    [Fact]
    public void Consistent_camera_times_give_nothing()
        => Assert.Empty(Run(AnalyzerFixtures.Camera with { DateTimeDigitized = AnalyzerFixtures.Shot.AddSeconds(2), DateTime = AnalyzerFixtures.Shot.AddMinutes(5) }));

    [Fact]
    public void Digitized_three_days_after_original_is_a_warning()
    {
        var finding = Assert.Single(Run(AnalyzerFixtures.Camera with { DateTimeDigitized = AnalyzerFixtures.Shot.AddDays(3) }));
        Assert.Equal((TimeConsistencyAnalyzer.OutOfSequence, Severity.Warning), (finding.Code, finding.Severity));
        Assert.Equal(3 * 86400, finding.Data["differenceSeconds"]!.GetValue<long>());
    }

    [Fact]
    public void Modified_days_later_is_a_warning_with_an_editor_and_a_notice_without()
    {
        var later = AnalyzerFixtures.Shot.AddDays(2);
        var withEditor = Assert.Single(Run(AnalyzerFixtures.Camera with { DateTime = later, Software = "GIMP 2.10.32" }));
        Assert.Equal((TimeConsistencyAnalyzer.ModifiedLater, Severity.Warning), (withEditor.Code, withEditor.Severity));
        var without = Assert.Single(Run(AnalyzerFixtures.Camera with { DateTime = later }));
        Assert.Equal((TimeConsistencyAnalyzer.ModifiedLater, Severity.Notice), (without.Code, without.Severity));
    }

    [Fact]
    public void Modified_before_capture_is_a_warning_unless_a_program_wrote_it()
    {
        var earlier = AnalyzerFixtures.Shot.AddHours(-1);
        Assert.Equal(Severity.Warning, Assert.Single(Run(AnalyzerFixtures.Camera with { DateTime = earlier })).Severity);
        var program = Assert.Single(Run(AnalyzerFixtures.Camera with { DateTime = earlier, Software = "OLYMPUS Master 2.04W" }));
        Assert.Equal((TimeConsistencyAnalyzer.ProgramClock, Severity.Notice), (program.Code, program.Severity));
    }

    [Fact]
    public void Times_before_1990_or_in_the_future_are_implausible()
    {
        var old = new DateTime(1985, 6, 1, 12, 0, 0);
        Assert.Contains(Run(AnalyzerFixtures.Camera with { DateTimeOriginal = old, DateTimeDigitized = old, DateTime = old }),
            f => f.Code == TimeConsistencyAnalyzer.Implausible && f.Severity == Severity.Warning);
        var future = new DateTime(2026, 3, 1, 12, 0, 0);
        Assert.Contains(Run(AnalyzerFixtures.Camera with { DateTimeOriginal = future, DateTimeDigitized = future, DateTime = future }),
            f => f.Code == TimeConsistencyAnalyzer.Implausible);
    }

    [Fact]
    public void A_clock_fallen_back_to_1_January_2000_is_a_warning_all_that_day()
    {
        foreach (var reset in new[] { new DateTime(2000, 1, 1, 0, 0, 12), new DateTime(2000, 1, 1, 23, 59, 59) })
        {
            var finding = Assert.Single(Run(AnalyzerFixtures.Camera with { DateTimeOriginal = reset, DateTimeDigitized = reset, DateTime = reset }));
            Assert.Equal((TimeConsistencyAnalyzer.ClockDefault, Severity.Warning), (finding.Code, finding.Severity));
        }
        var nextDay = new DateTime(2000, 1, 2, 0, 0, 5);
        Assert.Empty(Run(AnalyzerFixtures.Camera with { DateTimeOriginal = nextDay, DateTimeDigitized = nextDay, DateTime = nextDay }));
    }

    // Camera originals: the only warnings are the four Photoshop 7.0 re-saves (DateTime hours to weeks after
    // the shot, Software "Adobe Photoshop 7.0"), which are correct. Issue 339 (OLYMPUS Master wrote a
    // DateTime 78 minutes before the capture: the PC's clock) gets the program-clock notice.
    [Fact]
    public void Camera_originals_get_warnings_only_where_an_editor_rewrote_the_file()
    {
        var flagged = AnalyzerFixtures.WarningsOnCameraOriginals(_analyzer);
        foreach (var f in flagged) output.WriteLine($"{f.File}: {f.Code} {f.Severity}");
        Assert.Equal(["Canon EOS D60.jpg", "FujiFilm FinePixS1Pro (2).jpg", "FujiFilm FinePixS1Pro (4).jpg", "FujiFilm FinePixS2Pro.jpg"],
            flagged.Select(f => f.File).Distinct().Order(StringComparer.Ordinal));
        Assert.All(flagged, f => Assert.Equal(TimeConsistencyAnalyzer.ModifiedLater, f.Code));
    }
}
