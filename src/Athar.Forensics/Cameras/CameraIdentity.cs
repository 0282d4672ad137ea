using System.Security.Cryptography;
using System.Text;

namespace Athar.Forensics.Cameras;

/// <summary>How a camera was told apart from other bodies of its model.</summary>
public enum CameraBasis
{
    /// <summary>The body serial number in the EXIF (0xA431) or the maker note.</summary>
    Serial,
    /// <summary>No serial: make, model and the JPEG compression signature (a quality setting of one or more bodies).</summary>
    Signature,
    /// <summary>No serial and no signature (not a JPEG): make and model only.</summary>
    Model,
}

/// <summary>
/// One camera as the archive can tell it apart: make, model and serial, or, without a serial, the "signature
/// cluster" of make, model and quantisation-table signature. A signature cluster may merge several bodies of
/// one model that share a quality setting, and splits one body shot at two quality settings; docs/analyzers.md,
/// "camera-timeline", says what that costs.
/// </summary>
public sealed record CameraIdentity(string Make, string Model, string? Serial, string? Signature, CameraBasis Basis)
{
    /// <summary>Stable id: "cam-" and the first 12 hex digits of SHA-256 over the identifying fields.</summary>
    public string Id
    {
        get
        {
            var key = Basis switch
            {
                CameraBasis.Serial => $"serial\n{Make}\n{Model}\n{Serial}",
                CameraBasis.Signature => $"signature\n{Make}\n{Model}\n{Signature}",
                _ => $"model\n{Make}\n{Model}",
            };
            return "cam-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..12];
        }
    }

    /// <summary>make + model, the key archive-signature groups by.</summary>
    public string ModelKey => ModelKeyOf(Make, Model);

    /// <summary>"NIKON COOLPIX P50 #36222724", "Canon PowerShot A800 (tables 1a2b3c4d)".</summary>
    public string Label => Basis switch
    {
        CameraBasis.Serial => $"{ModelLabel(Make, Model)} #{Serial}",
        CameraBasis.Signature => $"{ModelLabel(Make, Model)} (tables {(Signature ?? "")[..Math.Min(8, Signature?.Length ?? 0)]})",
        _ => ModelLabel(Make, Model),
    };

    public static string ModelKeyOf(string make, string model) => $"{make}\u001f{model}";

    /// <summary>The model as people write it: "Canon PowerShot A800", not "Canon Canon PowerShot A800".</summary>
    public static string ModelLabel(string make, string model)
    {
        if (make.Length == 0) return model;
        if (model.Length == 0) return make;
        var firstWord = make.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        return model.StartsWith(firstWord, StringComparison.OrdinalIgnoreCase) ? model : $"{make} {model}";
    }

    /// <summary>Null when the metadata names neither make nor model (then no camera can be told).</summary>
    public static CameraIdentity? From(string? make, string? model, string? serial, string? signature)
    {
        make = Clean(make);
        model = Clean(model);
        serial = Clean(serial);
        if (make is null && model is null) return null;
        if (serial is not null && IsPlaceholderSerial(serial)) serial = null;
        if (serial is not null) return new CameraIdentity(make ?? "", model ?? "", serial, null, CameraBasis.Serial);
        if (signature is not null) return new CameraIdentity(make ?? "", model ?? "", null, signature, CameraBasis.Signature);
        return new CameraIdentity(make ?? "", model ?? "", null, null, CameraBasis.Model);
    }

    private static string? Clean(string? text)
    {
        var trimmed = text?.Trim('\0', ' ');
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }

    // Firmware that has no serial often writes zeros or blanks rather than leaving the tag out; such a value
    // would merge every body of the model into one "camera".
    private static bool IsPlaceholderSerial(string serial) => serial.All(c => c is '0' or ' ' or '-');
}
