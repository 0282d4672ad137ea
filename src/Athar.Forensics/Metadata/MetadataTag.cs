using System.Globalization;
using System.Text.Json.Nodes;

namespace Athar.Forensics.Metadata;

/// <summary>
/// One tag as MetadataExtractor reports it: the directory's name ("Exif IFD0"), the tag id, its name and the
/// descriptor's text. <see cref="ToDumpLine"/> writes the line MetadataExtractor's own dump tool prints.
/// </summary>
public sealed record MetadataTag(string Directory, int TagId, string TagName, string Description)
{
    /// <summary>"[Exif IFD0 - 0x010f] Make = Canon" (ids as 32-bit hex, at least four digits, like the dumps).</summary>
    public string ToDumpLine() => string.Create(CultureInfo.InvariantCulture, $"[{Directory} - 0x{TagId:x4}] {TagName} = {Description}");

    public JsonObject ToJson() => new()
    {
        ["directory"] = Directory,
        ["tagId"] = TagId,
        ["tagName"] = TagName,
        ["description"] = Description,
    };
}

/// <summary>One XMP property (namespace URI, path such as <c>xmpMM:History[1]/stEvt:action</c>, value).</summary>
public sealed record XmpProperty(string Namespace, string Path, string Value);
