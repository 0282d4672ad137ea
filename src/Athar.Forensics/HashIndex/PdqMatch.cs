using Athar.Forensics.Pdq;

namespace Athar.Forensics.HashIndex;

/// <summary>A stored hash within the query radius: its id, the hash and its Hamming distance to the query.</summary>
public readonly record struct PdqMatch(long Id, PdqHash Hash, int Distance);
