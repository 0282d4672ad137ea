namespace Athar.Web.Audit;

/// <summary>An action that must be audited could not be recorded; the request fails (503) rather than proceed unaudited.</summary>
public sealed class AuditUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
