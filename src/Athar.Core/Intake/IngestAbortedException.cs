namespace Athar.Core.Intake;

/// <summary>
/// The archive itself cannot take more (its disk is full, its folder became unwritable). Everything
/// committed before stays consistent; running the same ingest again resumes.
/// </summary>
public sealed class IngestAbortedException(string message, Exception? inner = null) : Exception(message, inner);
