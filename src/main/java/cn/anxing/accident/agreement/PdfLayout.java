package cn.anxing.accident.agreement;

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
 * The layout the agreement (协议书) and the determination (认定书) share: the CJK font loaded
 * and subset, and a writer that sets headings, rows, two-column party tables, paragraphs,
 * signatures and QR codes on A4 pages from top to bottom. What the documents say is theirs.
 */
final class PdfLayout {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");
    static final float MARGIN = 50;
    private static final float LABEL_WIDTH = 120;
    static final float BODY = 10.5f;
    private static final float LINE = BODY * 1.45f;
    static final float SIGNATURE_ROW = 100;
    static final float QR_SIDE = 96;

    private PdfLayout() {
    }

    /** The font and, for a collection, the collection that must stay open until saving. */
    record FontHandle(PDFont font, TrueTypeCollection collection) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            if (collection != null) {
                collection.close();
            }
        }
    }

    static FontHandle loadFont(PDDocument doc, Path fontPath) throws IOException {
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

    /** A top-to-bottom writer that starts a new page when the current one is full. */
    static final class Writer {
        private final PDDocument doc;
        private final PDFont font;
        private PDPageContentStream cs;
        private float y;
        private final float width = PDRectangle.A4.getWidth();

        Writer(PDDocument doc, PDFont font) throws IOException {
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

        void ensure(float height) throws IOException {
            if (y - height < MARGIN) {
                newPage();
            }
        }

        void gap(float h) {
            y -= h;
        }

        void text(float x, String s, float size) throws IOException {
            ensure(size * 1.5f);
            y -= size * 1.4f;
            show(x, y, s, size);
        }

        void show(float x, float baseline, String s, float size) throws IOException {
            cs.beginText();
            cs.setFont(font, size);
            cs.newLineAtOffset(x, baseline);
            cs.showText(printable(s));
            cs.endText();
        }

        void centered(String s, float size) throws IOException {
            float w = font.getStringWidth(printable(s)) / 1000 * size;
            text((width - w) / 2, s, size);
        }

        void heading(String s) throws IOException {
            ensure(60);
            text(MARGIN, s, 12.5f);
            gap(3);
            rule();
            gap(2);
        }

        void rule() throws IOException {
            cs.setLineWidth(0.6f);
            cs.moveTo(MARGIN, y);
            cs.lineTo(width - MARGIN, y);
            cs.stroke();
        }

        void row(String label, String value) throws IOException {
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
        void tableRow(String label, List<String> values) throws IOException {
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

        /** The code at the right margin, its top at the current line; the text flows left of it. */
        void qrCode(QrCode qr) throws IOException {
            PDImageXObject image = LosslessFactory.createFromImage(doc, qr.image(4));
            cs.drawImage(image, width - MARGIN - QR_SIDE, y - QR_SIDE, QR_SIDE, QR_SIDE);
        }

        void paragraph(String s) throws IOException {
            paragraph(s, width - 2 * MARGIN);
        }

        void paragraph(String s, float maxWidth) throws IOException {
            for (String line : wrap(s, maxWidth, BODY)) {
                text(MARGIN, line, BODY);
            }
        }

        void signatures(List<AgreementParty> parties) throws IOException {
            float boxW = 150;
            float boxH = SIGNATURE_ROW - 40;
            float x = MARGIN;
            ensure(boxH + 40);
            float top = y;
            for (AgreementParty p : parties) {
                if (x + boxW > width - MARGIN) {
                    x = MARGIN;
                    y = top - boxH - 40;
                    ensure(boxH + 40);
                    top = y;
                }
                show(x, top - BODY * 1.4f, "当事人" + p.partyId() + "（" + p.name() + "）", BODY);
                float imageTop = top - BODY * 1.4f - 4;
                if (p.signature() != null) {
                    BufferedImage img = ImageIO.read(new ByteArrayInputStream(p.signature().png()));
                    if (img != null) {
                        PDImageXObject image = LosslessFactory.createFromImage(doc, img);
                        float scale = Math.min(boxW / img.getWidth(), boxH / img.getHeight());
                        float w = img.getWidth() * scale;
                        float h = img.getHeight() * scale;
                        cs.drawImage(image, x, imageTop - h, w, h);
                    }
                    show(x, imageTop - boxH - BODY * 1.3f, "签名时间 "
                            + TIME.format(p.signature().signedAt().atZone(CHINA)), 8.5f);
                }
                x += boxW + 20;
            }
            y = top - boxH - 40;
        }

        private List<String> wrap(String s, float maxWidth, float size) throws IOException {
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
        void modules(boolean[][] dark, float side) throws IOException {
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

        void close() throws IOException {
            cs.close();
        }
    }
}
