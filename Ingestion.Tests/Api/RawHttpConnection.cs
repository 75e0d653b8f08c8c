using System.Net.Sockets;
using System.Text;

namespace Ingestion.Tests.Api;

/// <summary>
/// An HTTP/1.1 request written by hand over a socket, so a test can declare one body and send another, slowly or
/// chunked, as a careless or hostile client would.
/// </summary>
internal sealed class RawHttpConnection : IAsyncDisposable
{
    private readonly TcpClient client;
    private readonly NetworkStream stream;

    private RawHttpConnection(TcpClient client)
    {
        this.client = client;
        stream = client.GetStream();
    }

    public static async Task<RawHttpConnection> OpenAsync(Uri server)
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(server.Host, server.Port);
        return new RawHttpConnection(client);
    }

    /// <summary>Writes the request line and headers; <paramref name="headers"/> are complete lines without CRLF.</summary>
    public Task SendHeadAsync(string path, params string[] headers) =>
        SendAsync(Encoding.ASCII.GetBytes($"POST {path} HTTP/1.1\r\nHost: localhost\r\n{string.Concat(headers.Select(h => h + "\r\n"))}\r\n"));

    public async Task SendAsync(byte[] bytes)
    {
        await stream.WriteAsync(bytes);
        await stream.FlushAsync();
    }

    /// <summary>Writes <paramref name="body"/> as chunks of <paramref name="chunkSize"/> bytes and the last chunk.</summary>
    public async Task SendChunkedAsync(byte[] body, int chunkSize)
    {
        using var wire = new MemoryStream();
        for (var offset = 0; offset < body.Length; offset += chunkSize)
        {
            var length = Math.Min(chunkSize, body.Length - offset);
            wire.Write(Encoding.ASCII.GetBytes($"{length:x}\r\n"));
            wire.Write(body, offset, length);
            wire.Write("\r\n"u8);
        }
        wire.Write("0\r\n\r\n"u8);
        await SendAsync(wire.ToArray());
    }

    /// <summary>The status code of the response, or null when the server closed the connection without one.</summary>
    public async Task<int?> ReadStatusAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var buffer = new byte[4096];
        var text = new StringBuilder();
        try
        {
            while (!text.ToString().Contains("\r\n", StringComparison.Ordinal))
            {
                var read = await stream.ReadAsync(buffer, cancel.Token);
                if (read == 0)
                    break;
                text.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }
        }
        catch (IOException)
        {
            // reset by the server: no status
        }
        var line = text.ToString();
        return line.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) ? int.Parse(line.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    public async ValueTask DisposeAsync()
    {
        await stream.DisposeAsync();
        client.Dispose();
    }
}
