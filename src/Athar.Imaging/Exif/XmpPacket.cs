using System.Globalization;
using System.Security;
using System.Text;
using Athar.Imaging.Jpeg;

namespace Athar.Imaging.Exif;

/// <summary>A minimal XMP packet in its own APP1 segment, as image editors write one (XMP Part 3, 1.1.3).</summary>
public static class XmpPacket
{
    private static readonly byte[] Namespace = "http://ns.adobe.com/xap/1.0/\0"u8.ToArray();

    /// <summary>An APP1 segment carrying xmp:CreatorTool, xmp:ModifyDate and xmp:CreateDate.</summary>
    public static byte[] BuildApp1(string creatorTool, DateTime modifyDate, DateTime createDate)
    {
        static string Iso(DateTime d) => d.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        var xml =
            "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n" +
            "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">" +
            "<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"" +
            $" xmp:CreatorTool=\"{SecurityElement.Escape(creatorTool)}\" xmp:ModifyDate=\"{Iso(modifyDate)}\" xmp:CreateDate=\"{Iso(createDate)}\"/>" +
            "</rdf:RDF></x:xmpmeta>\n<?xpacket end=\"w\"?>";
        var body = Encoding.UTF8.GetBytes(xml);
        var payload = new byte[Namespace.Length + body.Length];
        Namespace.CopyTo(payload, 0);
        body.CopyTo(payload, Namespace.Length);
        return JpegSegments.Build(JpegSegments.App1, payload);
    }
}
