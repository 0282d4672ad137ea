namespace Athar.Core.Analysis;

/// <summary>
/// How much a finding should worry the analyst. Info: a fact worth recording. Notice: unusual but with
/// innocent explanations. Warning: an inconsistency that needs an explanation. Alert: strong evidence
/// that the file is not what it claims (edited, re-saved, from another source).
/// </summary>
public enum Severity
{
    Info = 0,
    Notice = 1,
    Warning = 2,
    Alert = 3,
}

public static class SeverityNames
{
    public static string ToText(this Severity severity) => severity switch
    {
        Severity.Info => "info",
        Severity.Notice => "notice",
        Severity.Warning => "warning",
        Severity.Alert => "alert",
        _ => throw new ArgumentOutOfRangeException(nameof(severity)),
    };

    public static bool TryParse(string? text, out Severity severity)
    {
        switch (text?.ToLowerInvariant())
        {
            case "info": severity = Severity.Info; return true;
            case "notice": severity = Severity.Notice; return true;
            case "warning": severity = Severity.Warning; return true;
            case "alert": severity = Severity.Alert; return true;
            default: severity = Severity.Info; return false;
        }
    }
}
