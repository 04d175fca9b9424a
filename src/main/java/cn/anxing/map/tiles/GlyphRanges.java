package cn.anxing.map.tiles;

import com.google.protobuf.CodedOutputStream;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The label font for MapLibre (字形): ranges of 256 code points rendered from the installed
 * CJK font as signed distance fields in MapLibre's glyph protobuf, so Chinese road names draw
 * with no font server outside. Each range is made on first request (tens of milliseconds) and
 * kept.
 *
 * <p>The parameters are MapLibre's own for server glyphs: 24 px, a 3 px border, an 8 px
 * distance range with the edge at a quarter of it.
 */
public final class GlyphRanges {

    /** Fonts tried in turn; Debian's fonts-wqy-microhei is what the README asks for. */
    static final List<Path> FONT_FILES = List.of(
            Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
            Path.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
            Path.of("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"));

    private static final Logger LOG = LoggerFactory.getLogger(GlyphRanges.class);
    private static final int SIZE = 24;
    private static final int BORDER = 3;
    private static final double RADIUS = 8;
    private static final double CUTOFF = 0.25;
    private static final double INF = 1e20;

    private final Font font;
    private final String fontName;
    private final FontRenderContext context = new FontRenderContext(null, true, true);
    private final int ascender;
    private final Map<Integer, byte[]> ranges = new ConcurrentHashMap<>();

    private GlyphRanges(Font font) {
        this.font = font.deriveFont((float) SIZE);
        this.fontName = font.getFontName();
        this.ascender = Math.round(this.font.getLineMetrics("中", context).getAscent());
    }

    /** The first installed font of {@link #FONT_FILES}, else Java's own sans-serif. */
    public static GlyphRanges installed() {
        for (Path file : FONT_FILES) {
            if (Files.isRegularFile(file)) {
                try {
                    Font[] fonts = Font.createFonts(file.toFile());
                    LOG.info("Map labels use {} from {}", fonts[0].getFontName(), file);
                    return new GlyphRanges(fonts[0]);
                } catch (FontFormatException | IOException e) {
                    LOG.warn("Cannot read the font {}: {}", file, e.getMessage());
                }
            }
        }
        LOG.warn("No CJK font installed (apt-get install fonts-wqy-microhei): map labels in "
                + "Chinese may show as boxes");
        return new GlyphRanges(new Font(Font.SANS_SERIF, Font.PLAIN, SIZE));
    }

    public String fontName() {
        return fontName;
    }

    /**
     * The glyph protobuf of code points {@code start} to {@code start + 255}; {@code start} is
     * a multiple of 256 below 65536 (the caller checks).
     */
    public byte[] range(int start) {
        return ranges.computeIfAbsent(start, this::render);
    }

    private byte[] render(int start) {
        int end = start + 255;
        return Protobuf.message(out -> out.writeByteArray(1, Protobuf.message(stack -> {
            stack.writeString(1, fontName);
            stack.writeString(2, start + "-" + end);
            for (int codePoint = start; codePoint <= end; codePoint++) {
                if (font.canDisplay(codePoint) && !Character.isISOControl(codePoint)) {
                    stack.writeByteArray(3, glyph(codePoint));
                }
            }
        })));
    }

    private byte[] glyph(int codePoint) {
        GlyphVector vector = font.createGlyphVector(context, Character.toChars(codePoint));
        Shape outline = vector.getOutline();
        Rectangle2D bounds = outline.getBounds2D();
        int advance = (int) Math.round(vector.getGlyphMetrics(0).getAdvance());
        if (bounds.isEmpty()) {
            return Protobuf.message(out -> {
                out.writeUInt32(1, codePoint);
                out.writeUInt32(3, 0);
                out.writeUInt32(4, 0);
                out.writeSInt32(5, 0);
                out.writeSInt32(6, -ascender);
                out.writeUInt32(7, advance);
            });
        }
        int left = (int) Math.floor(bounds.getMinX());
        int right = (int) Math.ceil(bounds.getMaxX());
        int top = (int) Math.ceil(-bounds.getMinY());
        int bottom = (int) Math.floor(-bounds.getMaxY());
        int width = right - left;
        int height = top - bottom;
        byte[] sdf = distanceField(outline, left, top, width, height);
        return Protobuf.message(out -> {
            out.writeUInt32(1, codePoint);
            out.writeByteArray(2, sdf);
            out.writeUInt32(3, width);
            out.writeUInt32(4, height);
            out.writeSInt32(5, left);
            // fontnik's convention, which MapLibre's text layout expects: top from the ascender
            out.writeSInt32(6, top - ascender);
            out.writeUInt32(7, advance);
        });
    }

    /**
     * The glyph's coverage (antialiased) turned into distances to its edge: the exact
     * Euclidean distance transform of Felzenszwalb and Huttenlocher, outside and inside, with
     * partly covered pixels placed on the edge by their coverage.
     */
    private static byte[] distanceField(Shape outline, int left, int top, int width,
                                        int height) {
        int w = width + 2 * BORDER;
        int h = height + 2 * BORDER;
        var image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.translate(BORDER - left, BORDER + top);
        g.setColor(java.awt.Color.WHITE);
        g.fill(outline);
        g.dispose();
        byte[] coverage = ((java.awt.image.DataBufferByte) image.getRaster().getDataBuffer())
                .getData();

        double[] outer = new double[w * h];
        double[] inner = new double[w * h];
        for (int i = 0; i < w * h; i++) {
            double a = (coverage[i] & 0xff) / 255.0;
            if (a == 0) {
                outer[i] = INF;
                inner[i] = 0;
            } else if (a == 1) {
                outer[i] = 0;
                inner[i] = INF;
            } else {
                double d = 0.5 - a;
                outer[i] = d > 0 ? d * d : 0;
                inner[i] = d < 0 ? d * d : 0;
            }
        }
        transform(outer, w, h);
        transform(inner, w, h);
        byte[] field = new byte[w * h];
        for (int i = 0; i < w * h; i++) {
            double distance = Math.sqrt(outer[i]) - Math.sqrt(inner[i]);
            long value = Math.round(255 - 255 * (distance / RADIUS + CUTOFF));
            field[i] = (byte) Math.max(0, Math.min(255, value));
        }
        return field;
    }

    /** Squared distance transform in two passes, columns then rows. */
    private static void transform(double[] grid, int w, int h) {
        int n = Math.max(w, h);
        double[] f = new double[n];
        int[] v = new int[n];
        double[] z = new double[n + 1];
        for (int x = 0; x < w; x++) {
            transform1d(grid, x, w, h, f, v, z);
        }
        for (int y = 0; y < h; y++) {
            transform1d(grid, y * w, 1, w, f, v, z);
        }
    }

    private static void transform1d(double[] grid, int offset, int stride, int length,
                                    double[] f, int[] v, double[] z) {
        v[0] = 0;
        z[0] = -INF;
        z[1] = INF;
        f[0] = grid[offset];
        int k = 0;
        for (int q = 1; q < length; q++) {
            f[q] = grid[offset + q * stride];
            double s;
            do {
                int r = v[k];
                s = (f[q] - f[r] + (double) q * q - (double) r * r) / (q - r) / 2;
            } while (s <= z[k] && --k > -1);
            k++;
            v[k] = q;
            z[k] = s;
            z[k + 1] = INF;
        }
        k = 0;
        for (int q = 0; q < length; q++) {
            while (z[k + 1] < q) {
                k++;
            }
            int r = v[k];
            grid[offset + q * stride] = f[r] + (double) (q - r) * (q - r);
        }
    }


    @Override
    public String toString() {
        return "GlyphRanges[" + fontName + ", " + Arrays.toString(ranges.keySet().toArray()) + "]";
    }
}
