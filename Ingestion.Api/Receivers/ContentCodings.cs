namespace Ingestion.Api.Receivers;

/// <summary>Reads the one coding a receiver accepts from <c>Content-Encoding</c>; stacked codings are not supported.</summary>
internal static class ContentCodings
{
    public static ContentCoding Of(HttpRequest request)
    {
        var header = request.Headers.ContentEncoding;
        if (header.Count == 0)
            return ContentCoding.Identity;
        if (header.Count > 1)
            return ContentCoding.Unsupported;
        var value = header.ToString().Trim();
        if (value.Length == 0 || value.Equals("identity", StringComparison.OrdinalIgnoreCase))
            return ContentCoding.Identity;
        if (value.Equals("gzip", StringComparison.OrdinalIgnoreCase))
            return ContentCoding.Gzip;
        if (value.Equals("snappy", StringComparison.OrdinalIgnoreCase))
            return ContentCoding.Snappy;
        return ContentCoding.Unsupported;
    }
}
