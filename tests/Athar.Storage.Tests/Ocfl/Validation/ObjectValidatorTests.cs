using System.Text;
using System.Text.Json.Nodes;
using Athar.Storage.Ocfl.Validation;
using Athar.TestSupport;

namespace Athar.Storage.Tests.Ocfl.Validation;

/// <summary>
/// Objects written by hand and then broken one way at a time, including hostile input: links, files that
/// are not JSON, and every single-byte change to an inventory. Nothing may throw.
/// </summary>
public sealed class ObjectValidatorTests : IDisposable
{
    private readonly TempDirectory _temp = new("ocfl-object");

    public void Dispose() => _temp.Dispose();

    private string ObjectRoot => _temp.Combine("object");

    [Fact]
    public void Hand_built_sha512_object_with_two_versions_is_valid_without_warnings()
    {
        var result = OcflValidator.Validate(WriteTwoVersions());

        Assert.True(result.Valid, string.Join("\n", result.Errors));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Missing_path_is_an_issue_not_an_exception()
    {
        var result = OcflValidator.Validate(_temp.Combine("nothing-here"));

        Assert.False(result.Valid);
        Assert.Equal("E003", result.Errors[0].Code);
    }

    [Fact]
    public void Changed_content_file_is_e092_naming_the_file()
    {
        WriteTwoVersions();
        File.WriteAllText(Path.Combine(ObjectRoot, "v1", "content", "a.txt"), "tampered");

        var error = OcflValidator.Validate(ObjectRoot).Errors[0];

        Assert.Equal("E092", error.Code);
        Assert.Contains("v1/content/a.txt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Symbolic_link_in_content_is_e090_and_not_followed()
    {
        WriteTwoVersions();
        var outside = _temp.Combine("outside.txt");
        File.WriteAllText(outside, "a file outside the object");
        File.CreateSymbolicLink(Path.Combine(ObjectRoot, "v2", "content", "link.txt"), outside);

        var result = OcflValidator.Validate(ObjectRoot);

        var error = Assert.Single(result.Errors);
        Assert.Equal("E090", error.Code);
        Assert.StartsWith("v2/content/link.txt: ", error.Message, StringComparison.Ordinal);
    }

    // A named pipe blocks whoever opens it until a writer comes; the validator must not hang on one.
    [Fact]
    public async Task Named_pipe_in_content_does_not_hang_the_validator()
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("named pipes in the file system are a Unix feature");
        WriteTwoVersions();
        // Put the pipe where the manifest expects a content file, so the validator goes to digest it.
        var pipe = Path.Combine(ObjectRoot, "v2", "content", "c.txt");
        File.Delete(pipe);
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", pipe))
        {
            await mkfifo.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var validation = Task.Run(() => OcflValidator.Validate(ObjectRoot), TestContext.Current.CancellationToken);
        var finished = await Task.WhenAny(validation, Task.Delay(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));

        Assert.Same(validation, finished);
        var error = Assert.Single((await validation).Errors);
        Assert.Equal("E092", error.Code);
        Assert.Contains("v2/content/c.txt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Symbolic_link_as_root_inventory_is_not_read()
    {
        WriteTwoVersions();
        var inventory = Path.Combine(ObjectRoot, "inventory.json");
        var elsewhere = _temp.Combine("elsewhere.json");
        File.Move(inventory, elsewhere);
        File.CreateSymbolicLink(inventory, elsewhere);

        var codes = OcflValidator.Validate(ObjectRoot).Errors.Select(e => e.Code).ToList();

        Assert.Equal(["E090", "E063"], codes);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{\"id\": \"a\", \"id\": \"b\"}")]
    [InlineData("")]
    [InlineData("{\"id\": \"\\ud800\"}")]
    public void Inventory_that_is_not_a_json_object_is_e033(string text)
    {
        WriteTwoVersions();
        File.WriteAllText(Path.Combine(ObjectRoot, "inventory.json"), text);

        Assert.Equal("E033", OcflValidator.Validate(ObjectRoot).Errors[0].Code);
    }

    [Fact]
    public void Deeply_nested_inventory_is_e033()
    {
        WriteTwoVersions();
        File.WriteAllText(Path.Combine(ObjectRoot, "inventory.json"), new string('[', 100_000) + new string(']', 100_000));

        Assert.Equal("E033", OcflValidator.Validate(ObjectRoot).Errors[0].Code);
    }

    [Fact]
    public void Empty_directory_in_content_is_e024()
    {
        WriteTwoVersions();
        Directory.CreateDirectory(Path.Combine(ObjectRoot, "v2", "content", "empty"));

        Assert.Equal("E024", Assert.Single(OcflValidator.Validate(ObjectRoot).Errors).Code);
    }

    [Fact]
    public void Manifest_digest_of_another_algorithm_is_e039()
    {
        var builder = new OcflObjectBuilder("urn:example:e039").AddVersion(OcflObjectBuilder.Files(("a.txt", "alpha")));
        var inventory = builder.WriteTo(ObjectRoot);
        var sha512 = builder.Digest(Encoding.UTF8.GetBytes("alpha"));
        var sha256Length = sha512[..64];
        var text = inventory.ToJsonString().Replace(sha512, sha256Length, StringComparison.Ordinal);
        var rewritten = (JsonObject)JsonNode.Parse(text)!;
        builder.WriteInventory(ObjectRoot, rewritten);
        builder.WriteInventory(Path.Combine(ObjectRoot, "v1"), rewritten);

        var errors = OcflValidator.Validate(ObjectRoot).Errors;

        Assert.Equal("E039", errors[0].Code);
        Assert.Contains(errors, e => e.Code == "E092");
    }

    [Theory]
    [InlineData("1=notes", "E001")]
    [InlineData("0=ocfl_object_1.0", "E003")]
    [InlineData("README.md", "E001")]
    public void Extra_file_in_object_root_is_reported(string name, string code)
    {
        WriteTwoVersions();
        File.WriteAllText(Path.Combine(ObjectRoot, name), "ocfl_object_1.0\n");

        Assert.Equal(code, OcflValidator.Validate(ObjectRoot).Errors[0].Code);
    }

    [Fact]
    public void Empty_content_directory_is_w003_not_an_error()
    {
        new OcflObjectBuilder("urn:example:no-content").AddVersion([]).WriteTo(ObjectRoot);
        Directory.CreateDirectory(Path.Combine(ObjectRoot, "v1", "content"));

        var result = OcflValidator.Validate(ObjectRoot);

        Assert.True(result.Valid, string.Join("\n", result.Errors));
        Assert.Equal("W003", Assert.Single(result.Warnings).Code);
    }

    [Fact]
    public void Sha256_object_is_valid_with_w004()
    {
        new OcflObjectBuilder("urn:example:sha256", "sha256")
            .AddVersion(OcflObjectBuilder.Files(("a.txt", "alpha")))
            .WriteTo(ObjectRoot);

        var result = OcflValidator.Validate(ObjectRoot);

        Assert.True(result.Valid, string.Join("\n", result.Errors));
        Assert.Equal("W004", Assert.Single(result.Warnings).Code);
    }

    [Fact]
    public void Fixity_with_blake2b_and_size_is_checked()
    {
        var builder = new OcflObjectBuilder("urn:example:fixity").AddVersion(OcflObjectBuilder.Files(("a.txt", "alpha")));
        var inventory = builder.WriteTo(ObjectRoot);
        inventory["fixity"] = new JsonObject
        {
            // Python: hashlib.blake2b(b"alpha", digest_size=20).hexdigest(); "size" is the byte count.
            ["blake2b-160"] = new JsonObject { ["ffffffffffffffffffffffffffffffffffffffff"] = new JsonArray("v1/content/a.txt") },
            ["size"] = new JsonObject { ["5"] = new JsonArray("v1/content/a.txt") },
        };
        builder.WriteInventory(ObjectRoot, inventory);
        builder.WriteInventory(Path.Combine(ObjectRoot, "v1"), inventory);

        var result = OcflValidator.Validate(ObjectRoot);

        var error = Assert.Single(result.Errors);
        Assert.Equal("E093", error.Code);
        Assert.Contains("blake2b-160", error.Message, StringComparison.Ordinal);
    }

    // After the gremlin test of metadata-extractor (STYLE.md, habit 5): every single-byte change to the
    // inventory must give issues, never an exception. Any change breaks the sidecar digest, so the
    // object can never come out valid.
    [Fact]
    public void Every_single_byte_change_to_the_inventory_is_reported_without_throwing()
    {
        new OcflObjectBuilder("urn:example:gremlin")
            .AddVersion(OcflObjectBuilder.Files(("a.txt", "alpha")))
            .WriteTo(ObjectRoot);
        var path = Path.Combine(ObjectRoot, "inventory.json");
        var original = File.ReadAllBytes(path);
        byte[] replacements = [(byte)'"', (byte)'{', (byte)'/', (byte)'0', 0xFF];

        for (var i = 0; i < original.Length; i++)
        {
            var mutated = (byte[])original.Clone();
            mutated[i] = replacements[i % replacements.Length] == original[i] ? (byte)' ' : replacements[i % replacements.Length];
            File.WriteAllBytes(path, mutated);

            var result = OcflValidator.Validate(ObjectRoot);

            Assert.False(result.Valid, $"byte {i} changed, yet the object validated");
        }
    }

    private string WriteTwoVersions()
    {
        new OcflObjectBuilder("urn:example:two-versions")
            .AddVersion(OcflObjectBuilder.Files(("a.txt", "alpha"), ("dir/b.txt", "beta")))
            .AddVersion(OcflObjectBuilder.Files(("a.txt", "alpha"), ("dir/b.txt", "beta, revised"), ("c.txt", "gamma")))
            .WriteTo(ObjectRoot);
        return ObjectRoot;
    }
}
