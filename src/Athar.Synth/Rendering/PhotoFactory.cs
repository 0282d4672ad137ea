using Athar.Imaging.Exif;
using Athar.Imaging.Jpeg;
using Athar.Imaging.Raster;
using Athar.Imaging.TurboJpeg;
using Athar.Synth.Planning;
using Athar.Synth.Scenes;

namespace Athar.Synth.Rendering;

/// <summary>
/// Turns one <see cref="PhotoPlan"/> into the bytes of its original file: render the scene, plant pixel
/// anomalies (clone, splice, editor re-save), encode as the camera would with its EXIF and thumbnail,
/// then plant file anomalies (stripped, corrupt). Pure: the same plan and seed give the same bytes, on
/// any thread, in any order.
/// </summary>
internal sealed class PhotoFactory(SynthOptions options, RenderAssets assets)
{
    public const string EditorSoftware = "Adobe Photoshop CS6 (Windows)";

    /// <summary>The scene as the camera's sensor records it, before any tampering.</summary>
    public ImageBuffer RenderPixels(PhotoPlan photo) => RenderPixels(photo, out _);

    /// <summary>Renders, also giving the card's four corners in image pixels (clockwise from its top-left; null without a card).</summary>
    public ImageBuffer RenderPixels(PhotoPlan photo, out PointF[]? cardQuad)
    {
        cardQuad = null;
        var random = SynthRandom.For(options.Seed, "photo", photo.Index);
        var width = options.Width;
        var height = options.Height;
        var gain = photo.Camera.Gain(width, height);
        if (photo.Case is not { } plan)
        {
            var foreign = SceneSpec.Foreign(options.Seed, photo.Index, width, height);
            return SceneRenderer.Render(foreign, ShotSpec.Create(random, width, height, firstOfCase: true), null, gain, assets);
        }
        var scene = SceneSpec.ForCase(options.Seed, plan.Index, plan.Bodies, width, height);
        var shot = ShotSpec.Create(random, width, height, photo.ShotInCase == 0);
        using var fullCard = CardTexture.Render(options.Seed, plan.Index, plan.CardLines);
        // Reduce the card texture to about its size in the image (area averaging is the anti-aliasing
        // prefilter), then blur it by the shot's focus and motion blur in those pixels.
        var textureHeight = Math.Clamp((int)MathF.Ceiling(scene.CardHeight * 1.2f), 16, CardTexture.Height);
        var textureWidth = textureHeight * CardTexture.Width / CardTexture.Height;
        using var card = textureHeight < CardTexture.Height ? Resample.AreaAverage(fullCard, textureWidth, textureHeight) : fullCard.Clone();
        var sigma = shot.CardBlur * textureHeight / Math.Max(8f, scene.CardHeight);
        if (sigma > 0.6f) Blur.Gaussian(card, Math.Min(sigma, 12f));
        var placement = SceneRenderer.CardPlacement(scene, shot, shot.ImageToScene.Invert());
        cardQuad = [placement.Apply(0, 0), placement.Apply(1, 0), placement.Apply(1, 1), placement.Apply(0, 1)];
        return SceneRenderer.Render(scene, shot, card, gain, assets);
    }

    public byte[] Produce(PhotoPlan photo) => Produce(photo, out _);

    /// <summary>The file's bytes, and where the card's corners ended up in the file's pixels (null when there is no card).</summary>
    public byte[] Produce(PhotoPlan photo, out PointF[]? cardQuad)
    {
        using var pixels = RenderPixels(photo, out cardQuad);
        foreach (var anomaly in photo.Anomalies)
        {
            if (anomaly.Type == AnomalyType.Clone) PlantClone(pixels, anomaly);
            else if (anomaly.Type == AnomalyType.Splice) PlantSplice(pixels, anomaly);
        }
        var model = photo.Camera.Model;
        var thumbnail = Thumbnail(pixels);
        byte[] file;
        if (photo.Find(AnomalyType.Resaved) is { } resave)
        {
            using var edited = EditorEdit(pixels, resave.Amount);
            if (cardQuad is not null)
            {
                // The editor's crop moved and enlarged everything.
                var dx = (int)(pixels.Width * resave.Amount);
                var dy = (int)(pixels.Height * resave.Amount);
                var sx = (float)pixels.Width / (pixels.Width - 2 * dx);
                var sy = (float)pixels.Height / (pixels.Height - 2 * dy);
                cardQuad = Array.ConvertAll(cardQuad, p => new PointF((p.X - dx) * sx, (p.Y - dy) * sy));
            }
            var encoded = JpegEncoder.Shared.Encode(edited, resave.Variant, JpegSubsampling.Yuv444);
            var editedAt = photo.CameraTime.AddDays(3 + resave.Seed % 400).AddMinutes(resave.Seed % 600);
            var exif = Exif(photo, thumbnail) with { Software = EditorSoftware, DateTime = editedAt };
            file = JpegSegments.InsertAfterSoi(encoded, ExifWriter.BuildApp1(exif), XmpPacket.BuildApp1(EditorSoftware, editedAt, photo.CameraTime));
        }
        else
        {
            var encoded = JpegEncoder.Shared.Encode(pixels, model.Quality, model.Subsampling);
            file = JpegSegments.InsertAfterSoi(encoded, ExifWriter.BuildApp1(Exif(photo, thumbnail)));
        }
        if (photo.Find(AnomalyType.Stripped) is not null) file = JpegSegments.StripMetadata(file);
        if (photo.Find(AnomalyType.Corrupt) is { } corrupt) file = Corrupt(file, corrupt);
        return file;
    }

    /// <summary>The camera's EXIF for this shot.</summary>
    public ExifProfile Exif(PhotoPlan photo, byte[]? thumbnail)
    {
        var model = photo.Camera.Model;
        var subSecond = photo.SubSecond.ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
        return new ExifProfile
        {
            BigEndian = model.BigEndian,
            Make = model.Make,
            Model = model.Model,
            Software = string.IsNullOrEmpty(model.Software) ? null : model.Software,
            DateTime = photo.CameraTime,
            XResolution = new Rational(300, 1),
            YResolution = new Rational(300, 1),
            BodySerialNumber = photo.Camera.Serial,
            DateTimeOriginal = photo.CameraTime,
            DateTimeDigitized = photo.CameraTime,
            SubSecTime = subSecond,
            SubSecTimeOriginal = subSecond,
            SubSecTimeDigitized = subSecond,
            ExposureTime = photo.ExposureTime,
            FNumber = photo.FNumber,
            Iso = photo.Iso,
            FocalLength = photo.FocalLength,
            PixelXDimension = options.Width,
            PixelYDimension = options.Height,
            ExifVersion = "0230",
            Thumbnail = thumbnail,
        };
    }

    /// <summary>A 160-pixel-wide JPEG thumbnail (160x120 for 4:3), as cameras put in IFD1.</summary>
    public byte[] Thumbnail(ImageBuffer pixels)
    {
        var (w, h) = ThumbnailSize(pixels.Width, pixels.Height);
        using var small = Resample.SampledAverage(pixels, w, h, 4);
        return JpegEncoder.Shared.Encode(small, 80, JpegSubsampling.Yuv422);
    }

    public static (int Width, int Height) ThumbnailSize(int width, int height)
    {
        var w = Math.Min(160, width);
        return (w, Math.Max(1, (int)Math.Round((double)height * w / width)));
    }

    private static void PlantClone(ImageBuffer pixels, AnomalyPlan anomaly)
    {
        var source = anomaly.SourceRegion!.Value;
        var target = anomaly.Region!.Value;
        using var patch = pixels.Crop(source);
        using var placed = anomaly.Variant switch
        {
            1 => Resample.Bilinear(patch, target.Width, target.Height),
            2 => Rotate180(patch),
            _ => patch.Clone(),
        };
        pixels.Paste(placed, target.X, target.Y);
    }

    private void PlantSplice(ImageBuffer pixels, AnomalyPlan anomaly)
    {
        using var donor = RenderPixels(anomaly.Donor!);
        using var patch = donor.Crop(anomaly.SourceRegion!.Value);
        pixels.Paste(patch, anomaly.Region!.Value.X, anomaly.Region.Value.Y);
    }

    private static ImageBuffer Rotate180(ImageBuffer source)
    {
        var result = ImageBuffer.Create(source.Width, source.Height, source.Layout, clear: false);
        var c = source.Channels;
        for (var y = 0; y < source.Height; y++)
        {
            var src = source.Row(y);
            var dst = result.Row(source.Height - 1 - y);
            for (var x = 0; x < source.Width; x++) src.Slice(x * c, c).CopyTo(dst.Slice((source.Width - 1 - x) * c, c));
        }
        return result;
    }

    /// <summary>What an editor session leaves: a slight crop scaled back to full size, and a levels change.</summary>
    private static ImageBuffer EditorEdit(ImageBuffer pixels, double cropPerSide)
    {
        var dx = (int)(pixels.Width * cropPerSide);
        var dy = (int)(pixels.Height * cropPerSide);
        var edited = Resample.Bilinear(pixels, pixels.Width, pixels.Height, new RectI(dx, dy, pixels.Width - 2 * dx, pixels.Height - 2 * dy));
        Span<byte> curve = stackalloc byte[256];
        for (var i = 0; i < 256; i++) curve[i] = (byte)Math.Clamp((int)Math.Round((i - 128) * 1.12 + 128 + 6), 0, 255);
        for (var y = 0; y < edited.Height; y++)
        {
            var row = edited.Row(y);
            for (var i = 0; i < row.Length; i++) row[i] = curve[row[i]];
        }
        return edited;
    }

    private static byte[] Corrupt(byte[] file, AnomalyPlan anomaly)
    {
        if (anomaly.Variant == 0) return file.AsSpan(0, Math.Max(2, (int)(file.Length * anomaly.Amount))).ToArray();
        var damaged = (byte[])file.Clone();
        var random = SynthRandom.For(anomaly.Seed, "corrupt", 0);
        var start = Math.Max((int)(file.Length * anomaly.Amount), ScanStart(file));
        var length = Math.Min(random.Between(256, 4096), file.Length - start - 2);
        for (var i = 0; i < length; i++) damaged[start + i] = (byte)random.Next(256);
        return damaged;
    }

    private static int ScanStart(byte[] file)
    {
        var sos = JpegSegments.ReadHeader(file).FindLast(s => s.Marker == JpegSegments.Sos);
        return sos.Length > 0 ? sos.End : file.Length / 2;
    }
}
