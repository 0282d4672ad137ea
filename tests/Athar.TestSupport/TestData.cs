using Xunit;

namespace Athar.TestSupport;

/// <summary>
/// Names every folder of ../shared/testdata that the tests use. A missing folder skips the test with a
/// message, except under CI=true, where it fails: CI must never pass by skipping.
/// </summary>
public static class TestData
{
    public static string Root { get; } = FindRoot();

    public static string CameraOriginals => Require("camera-originals");
    public static string Robustness => Require("robustness");
    public static string ExifSamples => Require("exif-samples");
    public static string OcflFixtures => Require("ocfl-fixtures/1.1");
    public static string Merkle => Require("merkle/testdata");
    public static string Pdq => Require("pdq");
    public static string JpegSignatures => Require("jpeg-signatures");
    public static string BagitConformance => Require("bagit-conformance");

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Returns the full path of a test-data folder, or skips (fails on CI) when it is absent.</summary>
    public static string Require(string relative)
    {
        var path = Path.Combine(Root, relative);
        if (Directory.Exists(path) || File.Exists(path)) return path;
        var message = $"test data folder missing: {path} (see ../shared/testdata/README.md)";
        if (IsCi) throw new InvalidOperationException(message);
        Assert.Skip(message);
        return path; // unreachable: Assert.Skip throws
    }

    private static string FindRoot()
    {
        // Walk up from the test binary until a folder holds shared/testdata beside the repository.
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "testdata");
            if (Directory.Exists(candidate)) return candidate;
            dir = dir.Parent;
        }
        return Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../../shared/testdata"));
    }
}
