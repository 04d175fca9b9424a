package cn.anxing.accident.agreement;

import cn.anxing.accident.liability.LegalBasis;
import cn.anxing.accident.liability.Scenario;
import cn.anxing.accident.liability.ScenarioCatalogue;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders the settlement agreement as an A4 PDF in Chinese, with the verification code and
 * the verify URL printed on it and each party's signature drawn. The CJK font comes from a
 * configured path (a .ttf, or a .ttc collection such as wqy-microhei.ttc) and only the glyphs
 * used are embedded, so the file stays small and reads the same on any device.
 *
 * <p>Blocking (file reading, font subsetting): call it from a worker thread.
 */
public final class AgreementPdf {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");
    static final float MARGIN = 50;
    private static final float LABEL_WIDTH = 120;
    static final float BODY = 10.5f;
    private static final float LINE = BODY * 1.45f;
    private static final float SIGNATURE_ROW = 100;
    private static final float QR_SIDE = 96;

    private final Path fontPath;
    private final String verifyBaseUrl;
    private final Map<String, String> insurerNames;

    /**
     * @param fontPath      a TrueType font or collection with CJK glyphs
     * @param verifyBaseUrl where a reader checks a code, e.g. https://anxing.example/verify;
     *                      the code is appended as the last path segment
     */
    public AgreementPdf(Path fontPath, String verifyBaseUrl) {
        this(fontPath, verifyBaseUrl, Map.of());
    }

    /**
     * @param insurerNames an insurer's name by the code the agreement records; a code not in
     *                     it prints as it is
     */
    public AgreementPdf(Path fontPath, String verifyBaseUrl, Map<String, String> insurerNames) {
        this.insurerNames = Map.copyOf(insurerNames);
        this.fontPath = fontPath;
        this.verifyBaseUrl = verifyBaseUrl.endsWith("/")
                ? verifyBaseUrl.substring(0, verifyBaseUrl.length() - 1) : verifyBaseUrl;
    }

    public String verifyUrl(String code) {
        return verifyBaseUrl + "/" + code;
    }

    /**
     * @param catalogue the catalogue version the agreement names, for the situations' names and
     *                  legal basis
     */
    public byte[] render(SettlementAgreement agreement, ScenarioCatalogue catalogue,
                         String verificationCode) {
        try (PDDocument doc = new PDDocument(); FontHandle font = loadFont(doc)) {
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle("道路交通事故自行协商协议书 " + agreement.caseId());
            info.setSubject("verification code " + verificationCode);
            Writer w = new Writer(doc, font.font);
            body(w, agreement, catalogue, verificationCode);
            w.close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render agreement " + agreement.caseId(), e);
        }
    }

    private void body(Writer w, SettlementAgreement a, ScenarioCatalogue catalogue, String code)
            throws IOException {
        w.centered("道路交通事故自行协商协议书", 18);
        w.gap(6);
        w.centered("案件编号 " + a.caseId() + "　　快处清单版本 " + a.catalogueVersion(), 9);
        w.gap(12);

        w.heading("事故基本信息");
        w.row("事故时间", TIME.format(a.occurredAt().atZone(CHINA)));
        w.row("事故地点", a.place());
        w.row("天气", a.weather().zh());
        w.row("事故形态", a.accidentForm().zh());

        Set<Scenario> applied = new LinkedHashSet<>();
        List<String> situations = new ArrayList<>();
        for (AgreementParty p : a.parties()) {
            String situation = "无快处清单所列过错";
            if (p.scenarioCode() != null) {
                Scenario s = catalogue.find(p.scenarioCode()).orElse(null);
                situation = s == null ? p.scenarioCode() : s.nameZh();
                if (s != null) {
                    applied.add(s);
                }
            }
            situations.add(situation);
        }
        // two parties side by side, as on the paper form; a third starts another table
        for (int from = 0; from < a.parties().size(); from += 2) {
            List<AgreementParty> group = a.parties().subList(from,
                    Math.min(from + 2, a.parties().size()));
            List<String> groupSituations = situations.subList(from, from + group.size());
            w.gap(6);
            w.heading("当事人信息");
            w.tableRow("", group.stream().map(p -> "当事人" + p.partyId()).toList());
            w.tableRow("姓名", group.stream().map(AgreementParty::name).toList());
            w.tableRow("驾驶证号/身份证号",
                    group.stream().map(AgreementParty::licenceOrIdNumber).toList());
            w.tableRow("联系方式", group.stream().map(AgreementParty::phone).toList());
            w.tableRow("机动车种类", group.stream().map(AgreementParty::vehicleType).toList());
            w.tableRow("号牌号码", group.stream().map(p -> p.plate().value()).toList());
            w.tableRow("保险公司", group.stream()
                    .map(p -> insurerNames.getOrDefault(p.insurer(), p.insurer())).toList());
            w.tableRow("保险凭证号", group.stream().map(AgreementParty::policyNumber).toList());
            w.tableRow("碰撞部位", group.stream().map(AgreementParty::collisionPart).toList());
            w.tableRow("事故情形", groupSituations);
            w.tableRow("责任", group.stream().map(p -> p.liability().zh()).toList());
        }

        if (!applied.isEmpty()) {
            w.gap(6);
            w.heading("责任依据");
            for (Scenario s : applied) {
                w.paragraph(s.nameZh() + "："
                        + String.join("；", s.legalBasis().stream().map(LegalBasis::zh).toList()));
            }
        }

        w.gap(6);
        w.heading("协议");
        w.paragraph("各方当事人对上述事故事实及成因无异议，依照《道路交通事故处理程序规定》"
                + "第十九条、第二十二条自行协商，确认各方责任如上，并据此向各自保险公司办理理赔。");

        w.gap(8);
        w.ensure(SIGNATURE_ROW + 40);
        w.heading("当事人签名");
        w.signatures(a.parties());

        w.gap(10);
        w.ensure(QR_SIDE + 20);
        w.rule();
        w.gap(4);
        // the QR code holds the verify link, so a phone camera opens the check directly
        w.qrCode(QrCode.of(verifyUrl(code)));
        w.text(MARGIN, "验证码  " + code, 14);
        w.text(MARGIN, "验证网址  " + verifyUrl(code), BODY);
        w.paragraph("扫描右侧二维码、访问验证网址或在验证页面输入验证码，可核验本协议书是否真实、"
                + "内容是否被改动。", PDRectangle.A4.getWidth() - 2 * MARGIN - QR_SIDE - 12);
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

    FontHandle loadFont(PDDocument doc) throws IOException {
        return loadFont(doc, fontPath);
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
