using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Athar.Storage.Tests.Keys;
using Athar.TestSupport;

namespace Athar.Storage.Tests.Ledger;

/// <summary>
/// A time-stamping authority on 127.0.0.1 for tests: a throwaway CA and TSA certificate made with the openssl
/// CLI in a temp folder, and <c>openssl ts -reply</c> behind a minimal HTTP/1.1 listener on a random port.
/// Nothing reaches the outside network.
/// </summary>
internal sealed class LocalTimestampAuthority : IDisposable
{
    private readonly TempDirectory _dir = new("tsa");
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;
    private int _requests;

    public LocalTimestampAuthority()
    {
        OpenSslCli.Require();
        MakeCertificates();
        _listener.Start();
        Uri = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/tsa");
        _serving = Task.Run(ServeAsync);
    }

    public Uri Uri { get; }

    /// <summary>The CA certificate (PEM) that issued the TSA's certificate.</summary>
    public string CaCertificatePath => _dir.Combine("ca.pem");

    /// <summary>When set, the query is replaced by this one before openssl answers it: a TSA that answers another request.</summary>
    public byte[]? SubstituteQuery { get; set; }

    private void MakeCertificates()
    {
        var d = _dir.Path;
        File.WriteAllText(_dir.Combine("ca.cnf"), """
            [req]
            distinguished_name = dn
            [dn]
            [ca_ext]
            basicConstraints = critical,CA:TRUE
            keyUsage = critical,keyCertSign,cRLSign
            subjectKeyIdentifier = hash
            [tsa_ext]
            basicConstraints = critical,CA:FALSE
            keyUsage = critical,digitalSignature
            extendedKeyUsage = critical,timeStamping
            subjectKeyIdentifier = hash
            authorityKeyIdentifier = keyid
            """);
        OpenSslCli.Check(d, "req", "-x509", "-config", "ca.cnf", "-extensions", "ca_ext", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
            "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "3650", "-subj", "/CN=Athar Test CA");
        OpenSslCli.Check(d, "req", "-new", "-config", "ca.cnf", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", "tsa.key", "-out", "tsa.csr", "-subj", "/CN=Athar Test TSA");
        OpenSslCli.Check(d, "x509", "-req", "-in", "tsa.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", "2",
            "-extfile", "ca.cnf", "-extensions", "tsa_ext", "-days", "3650", "-out", "tsa.pem");
        File.WriteAllText(_dir.Combine("tsaserial"), "01\n");
        File.WriteAllText(_dir.Combine("tsa.cnf"), """
            [tsa]
            default_tsa = athar_test_tsa
            [athar_test_tsa]
            serial = ./tsaserial
            crypto_device = builtin
            signer_cert = ./tsa.pem
            certs = ./ca.pem
            signer_key = ./tsa.key
            signer_digest = sha256
            default_policy = 1.3.6.1.4.1.99999.1
            digests = sha1, sha256, sha384, sha512
            accuracy = secs:1
            ordering = yes
            tsa_name = yes
            ess_cert_id_chain = no
            ess_cert_id_alg = sha256
            """);
    }

    /// <summary>Answers a DER TimeStampReq directly with <c>openssl ts -reply</c>, without HTTP.</summary>
    public byte[] Reply(byte[] query)
    {
        var n = Interlocked.Increment(ref _requests);
        File.WriteAllBytes(_dir.Combine($"query-{n}.tsq"), query);
        OpenSslCli.Check(_dir.Path, "ts", "-reply", "-config", "tsa.cnf", "-queryfile", $"query-{n}.tsq", "-out", $"reply-{n}.tsr");
        return File.ReadAllBytes(_dir.Combine($"reply-{n}.tsr"));
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            using (client) await AnswerAsync(client.GetStream());
        }
    }

    private async Task AnswerAsync(NetworkStream stream)
    {
        var query = await ReadRequestBodyAsync(stream);
        var n = Interlocked.Increment(ref _requests);
        var queryFile = $"query-{n}.tsq";
        var replyFile = $"reply-{n}.tsr";
        await File.WriteAllBytesAsync(_dir.Combine(queryFile), SubstituteQuery ?? query);
        var (code, output) = OpenSslCli.Run(_dir.Path, null, "ts", "-reply", "-config", "tsa.cnf", "-queryfile", queryFile, "-out", replyFile);
        byte[] body;
        string status;
        if (code == 0)
        {
            body = await File.ReadAllBytesAsync(_dir.Combine(replyFile));
            status = "200 OK";
        }
        else
        {
            body = Encoding.UTF8.GetBytes(output);
            status = "500 Internal Server Error";
        }
        var head = $"HTTP/1.1 {status}\r\nContent-Type: application/timestamp-reply\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(body);
    }

    /// <summary>Reads the header lines up to the blank line, then Content-Length bytes of body.</summary>
    private static async Task<byte[]> ReadRequestBodyAsync(NetworkStream stream)
    {
        var buffer = new List<byte>();
        var one = new byte[1];
        while (buffer.Count < 4 || !(buffer[^4] == '\r' && buffer[^3] == '\n' && buffer[^2] == '\r' && buffer[^1] == '\n'))
        {
            if (await stream.ReadAsync(one) == 0) throw new IOException("client closed before the end of the headers");
            buffer.Add(one[0]);
        }
        var length = 0;
        foreach (var line in Encoding.ASCII.GetString(buffer.ToArray()).Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                length = int.Parse(line["Content-Length:".Length..].Trim(), CultureInfo.InvariantCulture);
        }
        var body = new byte[length];
        await stream.ReadExactlyAsync(body);
        return body;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try { _serving.Wait(TimeSpan.FromSeconds(5)); }
        catch (AggregateException) { }
        _stop.Dispose();
        _dir.Dispose();
    }
}
