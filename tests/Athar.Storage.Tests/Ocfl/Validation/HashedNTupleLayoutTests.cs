using System.Text;
using Athar.Storage.Ocfl.Validation;

namespace Athar.Storage.Tests.Ocfl.Validation;

/// <summary>The mappings given as examples in the 0004-hashed-n-tuple-storage-layout extension text.</summary>
public sealed class HashedNTupleLayoutTests
{
    [Theory]
    [InlineData("object-01", "3c0/ff4/240/3c0ff4240c1e116dba14c7627f2319b58aa3d77606d0d90dfc6161608ac987d4")]
    [InlineData("..hor/rib:le-$id", "487/326/d8c/487326d8c2a3c0b885e23da1469b4d6671fd4e76978924b4443e9e3c316cda6d")]
    public void Default_configuration_matches_example_1(string id, string expected)
    {
        Assert.Equal(expected, HashedNTupleLayout.Default.PathFor(id));
    }

    [Theory]
    [InlineData("object-01", "ff/75/53/44/92/48/5e/ab/b3/9f/86/35/67/28/88/4e")]
    [InlineData("..hor/rib:le-$id", "08/31/97/66/fb/6c/29/35/dd/17/5b/94/26/77/17/e0")]
    public void Md5_short_root_configuration_matches_example_2(string id, string expected)
    {
        var layout = Parse("""{"extensionName":"0004-hashed-n-tuple-storage-layout","digestAlgorithm":"md5","tupleSize":2,"numberOfTuples":15,"shortObjectRoot":true}""");
        Assert.Equal(expected, layout.PathFor(id));
    }

    [Fact]
    public void No_tuples_puts_the_object_at_its_full_digest()
    {
        var layout = Parse("""{"extensionName":"0004-hashed-n-tuple-storage-layout","tupleSize":0,"numberOfTuples":0}""");
        Assert.Equal("3c0ff4240c1e116dba14c7627f2319b58aa3d77606d0d90dfc6161608ac987d4", layout.PathFor("object-01"));
    }

    [Theory]
    [InlineData("""{"extensionName":"0003-hash-and-id-n-tuple-storage-layout"}""")]
    [InlineData("""{"extensionName":"0004-hashed-n-tuple-storage-layout","tupleSize":0,"numberOfTuples":3}""")]
    [InlineData("""{"extensionName":"0004-hashed-n-tuple-storage-layout","tupleSize":32,"numberOfTuples":3}""")]
    [InlineData("""{"extensionName":"0004-hashed-n-tuple-storage-layout","tupleSize":33}""")]
    [InlineData("""{"extensionName":"0004-hashed-n-tuple-storage-layout","digestAlgorithm":"md5","tupleSize":16,"numberOfTuples":2,"shortObjectRoot":true}""")]
    [InlineData("""{"extensionName":"0004-hashed-n-tuple-storage-layout","digestAlgorithm":"crc99"}""")]
    [InlineData("""{"extensionName":"0004-hashed-n-tuple-storage-layout","shortObjectRoot":"yes"}""")]
    [InlineData("""[1,2,3]""")]
    [InlineData("""{"extensionName":""")]
    public void Configurations_that_break_the_extension_rules_are_rejected(string json)
    {
        var layout = HashedNTupleLayout.Parse(Encoding.UTF8.GetBytes(json), out var problem);
        Assert.Null(layout);
        Assert.False(string.IsNullOrEmpty(problem));
    }

    private static HashedNTupleLayout Parse(string json)
    {
        var layout = HashedNTupleLayout.Parse(Encoding.UTF8.GetBytes(json), out var problem);
        Assert.True(layout is not null, problem);
        return layout;
    }
}
