using System.IO.Compression;

namespace Athar.Core.Intake.Sources;

/// <summary>
/// A ZIP entry's decompressed bytes, read under the archive's lock and cut off with an error if the
/// entry produces more bytes than its header declared (a bomb that lies about its size). At the end the
/// byte count and CRC-32 must match the header: .NET stops an entry's stream at the declared length, so a
/// header that understates the size would otherwise yield a silently truncated copy.
/// </summary>
internal sealed class GatedZipEntryStream : Stream
{
    private readonly SemaphoreSlim _gate;
    private readonly Stream _inner;
    private readonly long _declaredLength;
    private readonly uint _declaredCrc;
    private uint _crc;
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
        _declaredCrc = entry.Crc32;
    }

    public override int Read(Span<byte> buffer)
    {
        var read = _inner.Read(buffer);
        _produced += read;
        if (_produced > _declaredLength)
            throw new InvalidDataException($"ZIP bomb: the entry expands beyond the {_declaredLength} bytes it declares");
        if (read > 0)
        {
            _crc = ZipCrc32.Append(_crc, buffer[..read]);
        }
        else if (buffer.Length > 0)
        {
            if (_produced != _declaredLength)
                throw new InvalidDataException($"the entry ended after {_produced} bytes but declares {_declaredLength} (a damaged or crafted ZIP)");
            if (_crc != _declaredCrc)
                throw new InvalidDataException($"CRC-32 {_crc:x8} of the entry's {_produced} bytes does not match the {_declaredCrc:x8} its header declares (a damaged ZIP, or a header that lies about the entry's size)");
        }
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
