namespace Athar.Synth.Cameras;

/// <summary>
/// DCF file numbering (DCF 2.0, section 3.2): files numbered 0001..9999 in folders 100..999 named with
/// the maker's suffix (100NIKON, 100_FUJI, 100CANON). After 9999 the counter wraps to 0001 in the next folder.
/// </summary>
internal sealed class FileNaming(CameraModel model, int folder, int counter)
{
    public int Folder { get; private set; } = folder;
    public int Counter { get; private set; } = counter;

    /// <summary>The folder and file name of the next photo, then advances the counter.</summary>
    public (string Folder, string File) Next()
    {
        var result = ($"{Folder}{model.FolderSuffix}", $"{model.FilePrefix}{Counter:D4}.JPG");
        Counter++;
        if (Counter > 9999)
        {
            Counter = 1;
            Folder = Folder >= 999 ? 100 : Folder + 1;
        }
        return result;
    }
}
