namespace Athar.Web.Accounts;

/// <summary>
/// A person's safer-viewing choice: blur strength (Gaussian sigma in pixels at thumbnail size, 320 px),
/// greyscale, and how large thumbnails appear. The default is strong blur and greyscale.
/// </summary>
public sealed record ViewingSettings(int BlurSigma, bool Greyscale, string ThumbSize)
{
    public const int DefaultSigma = 8;

    /// <summary>The choices offered: off, light, strong (default), very strong.</summary>
    public static IReadOnlyList<int> SigmaChoices { get; } = [0, 4, DefaultSigma, 16];

    public static IReadOnlyList<string> SizeChoices { get; } = ["small", "medium", "large"];

    public static ViewingSettings Default { get; } = new(DefaultSigma, true, "medium");

    /// <summary>Brings any stored or submitted value into the offered range.</summary>
    public ViewingSettings Normalised() => new(
        SigmaChoices.Contains(BlurSigma) ? BlurSigma : DefaultSigma,
        Greyscale,
        SizeChoices.Contains(ThumbSize) ? ThumbSize : "medium");

    /// <summary>
    /// What applies to a person of <paramref name="role"/>. For the family-liaison role safer viewing cannot be
    /// switched off: at least the default blur, always greyscale.
    /// </summary>
    public ViewingSettings EffectiveFor(string role)
    {
        var settings = Normalised();
        return role == Roles.FamilyLiaison
            ? settings with { BlurSigma = Math.Max(settings.BlurSigma, DefaultSigma), Greyscale = true }
            : settings;
    }
}
