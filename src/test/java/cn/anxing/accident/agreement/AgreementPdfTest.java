package cn.anxing.accident.agreement;

import cn.anxing.accident.liability.ScenarioCatalogue;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Needs a CJK font: by default /usr/share/fonts/truetype/wqy/wqy-microhei.ttc (Debian package
 * fonts-wqy-microhei), or the path in the system property anxing.cjk.font.
 */
class AgreementPdfTest {

    private static final Path FONT = Path.of(System.getProperty("anxing.cjk.font",
            "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"));
    private static final AgreementSeal SEAL =
            new AgreementSeal("test seal key, thirty-two bytes at least".getBytes(StandardCharsets.UTF_8));

    private static byte[] pdf;
    private static String code;

    @BeforeAll
    static void render() {
        assertTrue(Files.isReadable(FONT), "CJK font missing: apt-get install fonts-wqy-microhei, "
                + "or set -Danxing.cjk.font=/path/to/font.ttc");
        SettlementAgreement a = Agreements.sample();
        code = SEAL.code(a);
        pdf = new AgreementPdf(FONT, "https://anxing.example/verify/")
                .render(a, ScenarioCatalogue.bundled(), code);
    }

    @Test
    @DisplayName("The PDF's text holds the title, both parties' names and plates, the liability and the verification code")
    void textIsExtractable() throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            for (String expected : List.of("道路交通事故自行协商协议书", "张三丰", "李四光",
                    "浙F12345", "浙FD12345", "330482199001011234", "中国平安财产保险股份有限公司",
                    "车头右侧", "追尾碰撞", "阴", "全部责任", "无责任", "追尾（未保持安全距离）",
                    "《中华人民共和国道路交通安全法》第四十三条", "2026年11月29日 09:30",
                    code, "https://anxing.example/verify/" + code)) {
                assertTrue(text.contains(expected), "PDF text lacks " + expected + ":\n" + text);
            }
        }
    }

    @Test
    @DisplayName("The Chinese font is embedded as a subset, so the file stays small")
    void fontIsAnEmbeddedSubset() throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            List<String> fonts = new ArrayList<>();
            for (PDPage page : doc.getPages()) {
                for (COSName name : page.getResources().getFontNames()) {
                    PDFont f = page.getResources().getFont(name);
                    fonts.add(f.getName());
                    assertTrue(f.isEmbedded(), f.getName() + " is embedded");
                }
            }
            assertTrue(fonts.stream().allMatch(n -> n.matches("[A-Z]{6}\\+WenQuanYiMicroHei")),
                    fonts.toString());
            assertTrue(pdf.length < 300_000, "subset keeps the PDF small: " + pdf.length);
        }
    }

    @Test
    @DisplayName("Both signatures are drawn as images, and the first page renders to a picture")
    void signaturesDrawnAndPageRenders() throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            int images = 0;
            int qrCodes = 0;
            for (PDPage page : doc.getPages()) {
                for (COSName name : page.getResources().getXObjectNames()) {
                    if (page.getResources().isImageXObject(name)) {
                        // the verify link's QR code is the one grey-scale image (see QrCode)
                        var image = (org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject)
                                page.getResources().getXObject(name);
                        if (image.getColorSpace().getNumberOfComponents() == 1) {
                            qrCodes++;
                        } else {
                            images++;
                        }
                    }
                }
            }
            assertEquals(2, images);
            assertEquals(1, qrCodes, "the verify link as a QR code");
            assertEquals(1, doc.getNumberOfPages(), "a two-party agreement fits on one page");
            Path out = Path.of("target", "agreement-sample");
            Files.createDirectories(out);
            try (var old = Files.list(out)) {
                for (Path f : old.toList()) {
                    Files.delete(f);
                }
            }
            Files.write(out.resolve("agreement.pdf"), pdf);
            for (int i = 0; i < doc.getNumberOfPages(); i++) {
                BufferedImage page = new PDFRenderer(doc).renderImageWithDPI(i, 110);
                ImageIO.write(page, "png", out.resolve("page-" + (i + 1) + ".png").toFile());
                assertTrue(page.getWidth() > 800);
            }
        }
    }

    @Test
    @DisplayName("A third party gets a second table and a third signature, and nothing is lost")
    void threeParties() throws Exception {
        SettlementAgreement two = Agreements.sample();
        AgreementParty b = two.parties().get(1);
        AgreementParty c = new AgreementParty("C", "王五", "330482197703030033", "13700000003",
                "轻型厢式货车", cn.anxing.accident.cases.PlateNumber.parse("沪A8B8C8"), "太平财产保险有限公司",
                "TPCX99887766", "车身左侧", cn.anxing.accident.liability.LiabilityGrade.NONE, null,
                new Signature(Agreements.signaturePng(4), b.signature().signedAt().plusSeconds(60)));
        SettlementAgreement three = new SettlementAgreement(two.caseId(), two.occurredAt(),
                two.place(), two.position(), two.weather(), two.accidentForm(),
                two.catalogueVersion(), List.of(two.parties().get(0), b, c));
        byte[] bytes = new AgreementPdf(FONT, "https://anxing.example/verify")
                .render(three, ScenarioCatalogue.bundled(), SEAL.code(three));
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            String text = new PDFTextStripper().getText(doc);
            for (String expected : List.of("张三丰", "李四光", "王五", "沪A8B8C8", "当事人C（王五）",
                    SEAL.code(three))) {
                assertTrue(text.contains(expected), "PDF text lacks " + expected);
            }
        }
    }
}
