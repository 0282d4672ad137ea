using System.Security.Cryptography;
using System.Text;
using Athar.Storage.Ocfl.Validation;
using Athar.TestSupport;

namespace Athar.Storage.Tests.Ocfl.Validation;

/// <summary>
/// Storage roots written by hand the way Athar's archives are laid out: layout extension
/// 0004-hashed-n-tuple-storage-layout with sha256, objects whose inventories use sha256.
/// </summary>
public sealed class StorageRootValidatorTests : IDisposable
{
    private const string Layout = "0004-hashed-n-tuple-storage-layout";
    private const string ItemId = "urn:athar:item:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private readonly TempDirectory _temp = new("ocfl-root");

    public void Dispose() => _temp.Dispose();

    private string Root => _temp.Path;

    [Fact]
    public void Athar_style_root_with_0004_sha256_layout_is_valid()
    {
        WriteAtharRoot();
        var objectPath = WriteObject(ItemId, ExpectedPath(ItemId));

        var result = OcflValidator.Validate(Root);

        Assert.True(result.Valid, string.Join("\n", result.Errors));
        // The object's sha256 inventory earns the spec's "should use sha512" warning, named by its path.
        Assert.Contains(result.Warnings, w => w.Code == "W004" && w.Message.StartsWith(objectPath + "/inventory.json: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Object_outside_its_0004_path_is_an_error()
    {
        WriteAtharRoot();
        var wrongPath = ExpectedPath("urn:athar:item:someone-else");
        WriteObject(ItemId, wrongPath);

        var result = OcflValidator.Validate(Root);

        var error = Assert.Single(result.Errors);
        Assert.Equal("E083", error.Code);
        Assert.Contains(ExpectedPath(ItemId), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_0004_configuration_applies_when_config_json_is_absent()
    {
        WriteAtharRoot(writeConfig: false);
        WriteObject(ItemId, ExpectedPath(ItemId));
        Assert.True(OcflValidator.Validate(Root).Valid);

        Directory.Move(Path.Combine(Root, ExpectedPath(ItemId)), Path.Combine(Root, ExpectedPath(ItemId)[..12] + "elsewhere"));
        Assert.Contains(OcflValidator.Validate(Root).Errors, e => e.Code == "E083");
    }

    [Fact]
    public void Object_errors_are_prefixed_with_the_object_path()
    {
        WriteAtharRoot();
        var objectPath = WriteObject(ItemId, ExpectedPath(ItemId));
        File.WriteAllText(Path.Combine(Root, objectPath, "v1", "content", "photo.txt"), "changed after ingest");

        var result = OcflValidator.Validate(Root);

        var error = Assert.Single(result.Errors);
        Assert.Equal("E092", error.Code);
        Assert.StartsWith(objectPath + "/inventory.json: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_and_empty_directories_in_the_hierarchy_are_errors()
    {
        WriteAtharRoot();
        WriteObject(ItemId, ExpectedPath(ItemId));
        File.WriteAllText(Path.Combine(Root, ExpectedPath(ItemId)[..3], "stray.txt"), "not part of an object");
        Directory.CreateDirectory(Path.Combine(Root, "abc", "def"));

        var codes = OcflValidator.Validate(Root).Errors.Select(e => e.Code).ToList();

        Assert.Contains("E084", codes);
        Assert.Contains("E073", codes);
    }

    [Fact]
    public void Extensions_directory_holds_only_registered_extension_directories()
    {
        WriteAtharRoot();
        File.WriteAllText(Path.Combine(Root, "extensions", "notes.txt"), "a file");
        Directory.CreateDirectory(Path.Combine(Root, "extensions", "9999-local-extension"));

        var result = OcflValidator.Validate(Root);

        Assert.Equal("E112", Assert.Single(result.Errors).Code);
        Assert.Contains(result.Warnings, w => w.Code == "W016" && w.Message.Contains("9999-local-extension", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"extension":"0004-hashed-n-tuple-storage-layout"}""", "E070")]
    [InlineData("""not json""", "E070")]
    [InlineData("""{"extension":"my-own-layout","description":"unregistered"}""", "E071")]
    public void Bad_ocfl_layout_json_is_reported(string layoutJson, string code)
    {
        WriteAtharRoot();
        File.WriteAllText(Path.Combine(Root, "ocfl_layout.json"), layoutJson);

        Assert.Equal(code, OcflValidator.Validate(Root).Errors[0].Code);
    }

    [Fact]
    public void Bad_declaration_content_is_e080()
    {
        WriteAtharRoot();
        File.WriteAllText(Path.Combine(Root, "0=ocfl_1.1"), "ocfl_1.1");

        Assert.Equal("E080", OcflValidator.Validate(Root).Errors[0].Code);
    }

    [Fact]
    public void Two_objects_with_one_id_are_reported()
    {
        File.WriteAllText(Path.Combine(Root, "0=ocfl_1.1"), "ocfl_1.1\n");
        WriteObject(ItemId, "a");
        WriteObject(ItemId, "b");

        var result = OcflValidator.Validate(Root);

        Assert.Equal("E037", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void Object_newer_than_its_storage_root_is_e081()
    {
        File.WriteAllText(Path.Combine(Root, "0=ocfl_1.0"), "ocfl_1.0\n");
        WriteObject(ItemId, "a");

        Assert.Equal("E081", Assert.Single(OcflValidator.Validate(Root).Errors).Code);
    }

    private void WriteAtharRoot(bool writeConfig = true)
    {
        File.WriteAllText(Path.Combine(Root, "0=ocfl_1.1"), "ocfl_1.1\n");
        File.WriteAllText(Path.Combine(Root, "ocfl_layout.json"),
            $$"""{"extension":"{{Layout}}","description":"OCFL object identifiers are hashed with sha256 and split into 3 tuples of 3 characters."}""");
        var extension = Path.Combine(Root, "extensions", Layout);
        Directory.CreateDirectory(extension);
        if (writeConfig)
        {
            File.WriteAllText(Path.Combine(extension, "config.json"),
                $$"""{"extensionName":"{{Layout}}","digestAlgorithm":"sha256","tupleSize":3,"numberOfTuples":3,"shortObjectRoot":false}""");
        }
    }

    private string WriteObject(string id, string relativePath)
    {
        new OcflObjectBuilder(id, "sha256")
            .AddVersion(OcflObjectBuilder.Files(("photo.txt", "stand-in for a photo's bytes")))
            .WriteTo(Path.Combine(Root, relativePath));
        return relativePath;
    }

    // Computed here from the extension's text, not through the validator's layout class.
    private static string ExpectedPath(string id)
    {
        var hex = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)));
        return $"{hex[..3]}/{hex[3..6]}/{hex[6..9]}/{hex}";
    }
}
