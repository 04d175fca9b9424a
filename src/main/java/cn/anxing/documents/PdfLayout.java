package cn.anxing.documents;

import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The layout the printed documents share (the accident's agreement 协议书 and determination
 * 认定书, the school bus's route sheets, stop lists and notices): the CJK font loaded and
 * subset, and a writer that sets headings, rows, two-column tables, paragraphs, signatures,
 * images and drawings on A4 pages from top to bottom. What the documents say is theirs.
 */
public final class PdfLayout {

    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");
    public static final float MARGIN = 50;
    private static final float LABEL_WIDTH = 120;
    public static final float BODY = 10.5f;
    private static final float LINE = BODY * 1.45f;
    public static final float SIGNATURE_ROW = 100;
    public static final float QR_SIDE = 96;

    private PdfLayout() {
    }

    /** The font and, for a collection, the collection that must stay open until saving. */
    public record FontHandle(PDFont font, TrueTypeCollection collection) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            if (collection != null) {
                collection.close();
            }
        }
    }

    public static FontHandle loadFont(PDDocument doc, Path fontPath) throws IOException {
        if (fontPath.getFileName().toString().toLowerCase().endsWith(".ttc")) {
            TrueTypeCollection collection = new TrueTypeCollection(fontPath.toFile());
            TrueTypeFont[] first = new TrueTypeFont[1];
            collection.processAllFonts(f -> {
                if (first[0] == null) {
                    first[0] = f;
                }
            });
            if (first[0] == null) {
                collection.close();
                throw new IOException("font collection " + fontPath + " holds no font");
            }
            return new FontHandle(PDType0Font.load(doc, first[0], true), collection);
        }
        return new FontHandle(PDType0Font.load(doc, fontPath.toFile()), null);
    }

    /**
     * A signature box: who signed (当事人A（张三）), the signature's PNG and when, as printed.
     *
     * @param png      null when not signed yet: the box stays empty
     * @param signedAt printed under the signature; null with no signature
     */
    public record SignatureBox(String label, byte[] png, String signedAt) {
    }

    /**
     * A rectangle of a page to draw in, its lower left corner at ({@code x}, {@code y}) in
     * points, and the page's content stream to draw with.
     */
    public record Area(PDPageContentStream canvas, float x, float y, float width,
                       float height) {
    }

    /** A top-to-bottom writer that starts a new page when the current one is full. */
    public static final class Writer {
        private final PDDocument doc;
        private final PDFont font;
        private PDPageContentStream cs;
        private float y;
        private final float width = PDRectangle.A4.getWidth();

        public Writer(PDDocument doc, PDFont font) throws IOException {
            this.doc = doc;
            this.font = font;
            newPage();
        }

        private void newPage() throws IOException {
            if (cs != null) {
                cs.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            cs = new PDPageContentStream(doc, page);
            y = PDRectangle.A4.getHeight() - MARGIN;
        }

        public void ensure(float height) throws IOException {
            if (y - height < MARGIN) {
                newPage();
            }
        }

        public void gap(float h) {
            y -= h;
        }

        public void text(float x, String s, float size) throws IOException {
            ensure(size * 1.5f);
            y -= size * 1.4f;
            show(x, y, s, size);
        }

        public void show(float x, float baseline, String s, float size) throws IOException {
            cs.beginText();
            cs.setFont(font, size);
            cs.newLineAtOffset(x, baseline);
            cs.showText(printable(s));
            cs.endText();
        }

        public void centered(String s, float size) throws IOException {
            float w = font.getStringWidth(printable(s)) / 1000 * size;
            text((width - w) / 2, s, size);
        }

        public void heading(String s) throws IOException {
            ensure(60);
            text(MARGIN, s, 12.5f);
            gap(3);
            rule();
            gap(2);
        }

        public void rule() throws IOException {
            cs.setLineWidth(0.6f);
            cs.moveTo(MARGIN, y);
            cs.lineTo(width - MARGIN, y);
            cs.stroke();
        }

        public void row(String label, String value) throws IOException {
            List<String> lines = wrap(value, width - 2 * MARGIN - LABEL_WIDTH, BODY);
            ensure(lines.size() * LINE + 2);
            y -= LINE;
            show(MARGIN, y, label, BODY);
            show(MARGIN + LABEL_WIDTH, y, lines.get(0), BODY);
            for (String line : lines.subList(1, lines.size())) {
                y -= LINE;
                show(MARGIN + LABEL_WIDTH, y, line, BODY);
            }
        }

        /** A label and one column per party, each value wrapped within its column. */
        public void tableRow(String label, List<String> values) throws IOException {
            float columnWidth = (width - 2 * MARGIN - LABEL_WIDTH) / 2;
            List<List<String>> wrapped = new ArrayList<>();
            int height = 1;
            for (String v : values) {
                List<String> lines = wrap(v, columnWidth - 8, BODY);
                wrapped.add(lines);
                height = Math.max(height, lines.size());
            }
            ensure(height * LINE + 2);
            float top = y;
            show(MARGIN, top - LINE, label, BODY);
            for (int c = 0; c < wrapped.size(); c++) {
                float x = MARGIN + LABEL_WIDTH + c * columnWidth;
                for (int i = 0; i < wrapped.get(c).size(); i++) {
                    show(x, top - LINE * (i + 1), wrapped.get(c).get(i), BODY);
                }
            }
            y = top - height * LINE;
        }

        /**
         * A square image (a QR code) at the right margin, its top at the current line; the text
         * flows left of it.
         */
        public void imageAtRight(BufferedImage picture, float side) throws IOException {
            PDImageXObject image = LosslessFactory.createFromImage(doc, picture);
            cs.drawImage(image, width - MARGIN - side, y - side, side, side);
        }

        public void paragraph(String s) throws IOException {
            paragraph(s, width - 2 * MARGIN);
        }

        public void paragraph(String s, float maxWidth) throws IOException {
            for (String line : wrap(s, maxWidth, BODY)) {
                text(MARGIN, line, BODY);
            }
        }

        public void signatures(List<SignatureBox> parties) throws IOException {
            float boxW = 150;
            float boxH = SIGNATURE_ROW - 40;
            float x = MARGIN;
            ensure(boxH + 40);
            float top = y;
            for (SignatureBox p : parties) {
                if (x + boxW > width - MARGIN) {
                    x = MARGIN;
                    y = top - boxH - 40;
                    ensure(boxH + 40);
                    top = y;
                }
                show(x, top - BODY * 1.4f, p.label(), BODY);
                float imageTop = top - BODY * 1.4f - 4;
                if (p.png() != null) {
                    BufferedImage img = ImageIO.read(new ByteArrayInputStream(p.png()));
                    if (img != null) {
                        PDImageXObject image = LosslessFactory.createFromImage(doc, img);
                        float scale = Math.min(boxW / img.getWidth(), boxH / img.getHeight());
                        float w = img.getWidth() * scale;
                        float h = img.getHeight() * scale;
                        cs.drawImage(image, x, imageTop - h, w, h);
                    }
                    show(x, imageTop - boxH - BODY * 1.3f, "签名时间 " + p.signedAt(), 8.5f);
                }
                x += boxW + 20;
            }
            y = top - boxH - 40;
        }

        public List<String> wrap(String s, float maxWidth, float size) throws IOException {
            String text = printable(s);
            List<String> lines = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < text.length(); ) {
                int cp = text.codePointAt(i);
                String ch = new String(Character.toChars(cp));
                float w = font.getStringWidth(line + ch) / 1000 * size;
                if (w > maxWidth && !line.isEmpty()) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                line.append(ch);
                i += Character.charCount(cp);
            }
            lines.add(line.toString());
            return lines;
        }

        /** Characters the font has no glyph for (emoji, rare ideographs) print as '?'. */
        private String printable(String s) {
            StringBuilder out = new StringBuilder();
            s.codePoints().forEach(cp -> {
                String ch = new String(Character.toChars(cp));
                if (Character.isISOControl(cp)) {
                    out.append(' ');
                    return;
                }
                try {
                    font.encode(ch);
                    out.append(ch);
                } catch (IllegalArgumentException | IOException e) {
                    out.append('?');
                }
            });
            return out.toString();
        }

        /** A square grid of dark modules (a QR code), {@code side} points wide, at the left. */
        public void modules(boolean[][] dark, float side) throws IOException {
            ensure(side + 8);
            float cell = side / dark.length;
            float top = y - 4;
            for (int r = 0; r < dark.length; r++) {
                for (int c = 0; c < dark[r].length; c++) {
                    if (dark[r][c]) {
                        cs.addRect(MARGIN + c * cell, top - (r + 1) * cell, cell, cell);
                    }
                }
            }
            cs.fill();
            y = top - side - 4;
        }

        /**
         * Reserves {@code height} points of the page's full text width for a drawing (a map),
         * on a new page when this one has no room, and moves below it.
         */
        public Area area(float height) throws IOException {
            ensure(height + 4);
            Area area = new Area(cs, MARGIN, y - height, width - 2 * MARGIN, height);
            y -= height + 4;
            return area;
        }

        /** How wide a text is at {@code size}, in points. */
        public float widthOf(String s, float size) throws IOException {
            return font.getStringWidth(printable(s)) / 1000 * size;
        }

        /**
         * A row of a table: each value wrapped within its column ({@code widths} in points, from
         * the left margin), the row as high as its tallest cell.
         */
        public void columns(float[] widths, List<String> values, float size) throws IOException {
            float line = size * 1.45f;
            List<List<String>> wrapped = new ArrayList<>();
            int height = 1;
            for (int c = 0; c < values.size(); c++) {
                List<String> lines = wrap(values.get(c), widths[c] - 6, size);
                wrapped.add(lines);
                height = Math.max(height, lines.size());
            }
            ensure(height * line + 2);
            float top = y;
            float x = MARGIN;
            for (int c = 0; c < wrapped.size(); c++) {
                for (int i = 0; i < wrapped.get(c).size(); i++) {
                    show(x, top - line * (i + 1), wrapped.get(c).get(i), size);
                }
                x += widths[c];
            }
            y = top - height * line - 2;
        }

        /** How many pages the document has so far. */
        public int pages() {
            return doc.getNumberOfPages();
        }

        /** The page's text width between the margins. */
        public float textWidth() {
            return width - 2 * MARGIN;
        }

        public void close() throws IOException {
            cs.close();
        }
    }
}
