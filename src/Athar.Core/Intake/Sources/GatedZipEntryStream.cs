using System.IO.Compression;

namespace Athar.Core.Intake.Sources;

/// <summary>
/// A ZIP entry's decompressed bytes, read under the archive's lock and cut off with an error if the
/// entry produces more bytes than its header declared (a bomb that lies about its size).
/// </summary>
internal sealed class GatedZipEntryStream : Stream
{
    private readonly SemaphoreSlim _gate;
    private readonly Stream _inner;
    private readonly long _declaredLength;
    private long _produced;
    private bool _released;

    public GatedZipEntryStream(ZipArchiveEntry entry, SemaphoreSlim gate)
    {
        _gate = gate;
        _gate.Wait();
        try
        {
            _inner = entry.Open();
        }
        catch
        {
            _gate.Release();
            throw;
        }
        _declaredLength = entry.Length;
    }

    public override int Read(Span<byte> buffer)
    {
        var read = _inner.Read(buffer);
        _produced += read;
        if (_produced > _declaredLength)
            throw new InvalidDataException($"ZIP bomb: the entry expands beyond the {_declaredLength} bytes it declares");
        return read;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_released)
        {
            _released = true;
            _inner.Dispose();
            _gate.Release();
        }
        base.Dispose(disposing);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => _declaredLength;
    public override long Position { get => _produced; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
