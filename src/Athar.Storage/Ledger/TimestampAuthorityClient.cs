using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;

namespace Athar.Storage.Ledger;

/// <summary>
/// Asks an RFC 3161 time-stamping authority to time-stamp data (a signed checkpoint), over HTTP as RFC 3161
/// section 3.4 describes: POST a DER TimeStampReq as <c>application/timestamp-query</c>, read a TimeStampResp.
/// The request carries the SHA-256 imprint of the data, a random nonce and certReq = true, so the token
/// names the TSA's certificate; the response is checked against all three before it is returned.
/// </summary>
/// <remarks>
/// Only the imprint leaves the machine, never the data. The caller chooses the TSA; DESIGN.md forbids
/// outside lookups unless the archive's operator configured one.
/// </remarks>
public sealed class TimestampAuthorityClient
{
    /// <summary>Responses larger than this are refused: a token with its certificates is a few kilobytes.</summary>
    public const int MaxResponseBytes = 1 << 20;

    private readonly HttpClient _http;

    /// <summary>Uses <paramref name="http"/>, which the caller owns (and configures: timeout, proxy).</summary>
    public TimestampAuthorityClient(HttpClient http) => _http = http ?? throw new ArgumentNullException(nameof(http));

    /// <summary>
    /// Returns the DER bytes of a time-stamp token (a CMS SignedData) over SHA-256 of <paramref name="data"/>.
    /// Throws <see cref="TimestampAuthorityException"/> when the TSA refuses, answers with something other than a
    /// granted response, or answers for another imprint or nonce, or without its certificate.
    /// </summary>
    public async Task<byte[]> RequestAsync(Uri tsa, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tsa);
        var request = Rfc3161TimestampRequest.CreateFromData(
            data.Span, HashAlgorithmName.SHA256, requestedPolicyId: null, nonce: NewNonce(), requestSignerCertificates: true);

        using var content = new ByteArrayContent(request.Encode());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/timestamp-query");
        using var message = new HttpRequestMessage(HttpMethod.Post, tsa) { Content = content };
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/timestamp-reply"));

        using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new TimestampAuthorityException($"time-stamping authority {tsa} answered HTTP {(int)response.StatusCode}");
        var body = await ReadLimitedAsync(response.Content, tsa, cancellationToken).ConfigureAwait(false);

        Rfc3161TimestampToken token;
        int consumed;
        try
        {
            // Checks the PKIStatus, and that the token's imprint, nonce and (requested) certificate match.
            token = request.ProcessResponse(body, out consumed);
        }
        catch (CryptographicException e)
        {
            throw new TimestampAuthorityException($"time-stamping authority {tsa} gave an unusable response: {e.Message}", e);
        }
        if (consumed != body.Length)
            throw new TimestampAuthorityException($"time-stamping authority {tsa} sent {body.Length - consumed} bytes after its response");
        return token.AsSignedCms().Encode();
    }

    /// <summary>A positive 64-bit random nonce (RFC 3161 section 2.4.1: an INTEGER, which must not read as negative).</summary>
    private static byte[] NewNonce()
    {
        var nonce = RandomNumberGenerator.GetBytes(8);
        nonce[0] = (byte)((nonce[0] & 0x7F) | 0x01);
        return nonce;
    }

    private static async Task<byte[]> ReadLimitedAsync(HttpContent content, Uri tsa, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > MaxResponseBytes)
            throw new TimestampAuthorityException($"time-stamping authority {tsa} sent {content.Headers.ContentLength} bytes, more than {MaxResponseBytes}");
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxResponseBytes)
                    throw new TimestampAuthorityException($"time-stamping authority {tsa} sent more than {MaxResponseBytes} bytes");
                buffer.Write(chunk, 0, read);
            }
            return buffer.ToArray();
        }
    }
}
