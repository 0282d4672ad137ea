namespace Athar.Core.Custody;

/// <summary>A Merkle proof that cannot be evaluated: wrong length, wrong hash size, index outside the tree.</summary>
public sealed class MerkleProofException : Exception
{
    public MerkleProofException() { }

    public MerkleProofException(string message) : base(message) { }

    public MerkleProofException(string message, Exception innerException) : base(message, innerException) { }
}
