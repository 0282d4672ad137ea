namespace Athar.Storage.Ledger;

/// <summary>A time-stamping authority that failed, refused, or answered something other than what was asked.</summary>
public sealed class TimestampAuthorityException : Exception
{
    public TimestampAuthorityException() { }

    public TimestampAuthorityException(string message) : base(message) { }

    public TimestampAuthorityException(string message, Exception innerException) : base(message, innerException) { }
}
