using Athar.Cards.Digits;
using Athar.Cards.Reading;

namespace Athar.Cards.Tests.Reading;

public class CardSegmenterTests
{
    private const int Width = 300, Height = 240, Paper = 225, Ink = 40;
    private const double Scale = 2.2;   // a 20-pixel MNIST digit box becomes a 44-pixel digit, as on a rectified card

    [Fact]
    public void Three_touching_digits_in_a_line_of_two_blobs_are_cut_into_three()
    {
        // The report line holds "500" written into each other (joined by pen strokes: one blob, its digits at different heights,
        // so the blob is taller than one digit) and a lone "2". The line's own median height is the tall blob's;
        // the card's digit height comes from all three lines.
        var gray = CardWithTwoLines();
        var trio = Draw(gray, "500", top: 158, left: 22, advance: 40, jitter: [-10, 8, -4]);
        Join(gray, trio[0], trio[1]);
        Join(gray, trio[1], trio[2]);
        Draw(gray, "2", top: 158, left: 160, advance: 0, jitter: [0]);

        var lines = CardSegmenter.Read(gray, Width, Height, DigitClassifier.Default);

        Assert.Equal(["445", "251", "5002"], lines.Select(l => l.Text));
    }

    [Fact]
    public void A_trail_of_dots_between_two_digits_is_not_read_as_a_digit()
    {
        // Some MNIST samples carry a column of specks beside the digit. Three dots (4 x 7 pixels, 5 apart) between
        // the 9 and the 3 of the report line merge, by their overlap in x, into a candidate 31 pixels tall.
        var gray = CardWithTwoLines();
        var nine = Draw(gray, "219", top: 158, left: 20, advance: 46, jitter: [0, 0, 0])[2];
        var three = Draw(gray, "3", top: 158, left: 190, advance: 0, jitter: [0])[0];
        int right = nine.Max(p => p.X), left = three.Min(p => p.X), x0 = (right + left) / 2 - 2;
        Assert.True(left - right >= 16, $"no room for the dots between x {right} and {left}");
        for (var dot = 0; dot < 3; dot++)
            for (var y = 172 + dot * 12; y < 179 + dot * 12; y++)
                for (var x = x0; x < x0 + 4; x++) gray[y * Width + x] = Ink;

        var lines = CardSegmenter.Read(gray, Width, Height, DigitClassifier.Default);

        Assert.Equal(["445", "251", "2193"], lines.Select(l => l.Text));
    }

    /// <summary>A blank rectified card with "445" and "251" written on its first two lines; the tests write the third.</summary>
    private static byte[] CardWithTwoLines()
    {
        var gray = new byte[Width * Height];
        Array.Fill(gray, (byte)Paper);
        Draw(gray, "445", top: 14, left: 30, advance: 62, jitter: [0, 0, 0]);
        Draw(gray, "251", top: 84, left: 30, advance: 62, jitter: [0, 0, 0]);
        return gray;
    }

    /// <summary>Draws the digits; returns each one's strong ink pixels (x, y).</summary>
    private static List<(int X, int Y)>[] Draw(byte[] gray, string digits, int top, int left, int advance, int[] jitter)
    {
        var inked = new List<(int X, int Y)>[digits.Length];
        for (var k = 0; k < digits.Length; k++)
        {
            var sample = CleanDigits.Sample(digits[k] - '0');
            var x0 = left + k * advance;
            var y0 = top + jitter[k];
            var side = (int)(28 * Scale);
            inked[k] = [];
            for (var y = 0; y < side; y++)
                for (var x = 0; x < side; x++)
                {
                    var ink = CleanDigits.Ink(sample, x / Scale, y / Scale) / 255.0;
                    var i = (y0 + y) * Width + x0 + x;
                    var value = (byte)Math.Round(Paper - ink * (Paper - Ink));
                    if (value < gray[i]) gray[i] = value;
                    if (ink > 0.5) inked[k].Add((x0 + x, y0 + y));
                }
        }
        return inked;
    }

    /// <summary>A pen stroke three pixels wide between the closest ink of two digits: the two now touch.</summary>
    private static void Join(byte[] gray, List<(int X, int Y)> a, List<(int X, int Y)> b)
    {
        var (p, q) = (a[0], b[0]);
        foreach (var u in a)
            foreach (var v in b)
                if (Distance(u, v) < Distance(p, q)) (p, q) = (u, v);
        var steps = (int)Math.Ceiling(Math.Sqrt(Distance(p, q))) * 2 + 1;
        for (var s = 0; s <= steps; s++)
        {
            var x = (int)Math.Round(p.X + (q.X - p.X) * (double)s / steps);
            var y = (int)Math.Round(p.Y + (q.Y - p.Y) * (double)s / steps);
            for (var dy = -1; dy <= 1; dy++)
                for (var dx = -1; dx <= 1; dx++) gray[(y + dy) * Width + x + dx] = Ink;
        }
    }

    private static int Distance((int X, int Y) u, (int X, int Y) v) => (u.X - v.X) * (u.X - v.X) + (u.Y - v.Y) * (u.Y - v.Y);
}
