package cn.anxing.accident.agreement;

import cn.anxing.accident.police.Determination;
import cn.anxing.accident.police.LegalBasisList;
import cn.anxing.documents.PdfLayout;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * Renders the determination (道路交通事故认定书（简易程序）) as an A4 PDF in Chinese, with the
 * verification code, the verify address and a QR code of it. Same font handling as the
 * agreement ({@link AgreementPdf}).
 *
 * <p>Blocking: call it from a worker thread.
 */
public final class DeterminationPdf {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");

    private final Path fontPath;
    private final String verifyBaseUrl;

    /** @param verifyBaseUrl the public check page; the code is appended as a path segment */
    public DeterminationPdf(Path fontPath, String verifyBaseUrl) {
        this.fontPath = fontPath;
        this.verifyBaseUrl = verifyBaseUrl.endsWith("/")
                ? verifyBaseUrl.substring(0, verifyBaseUrl.length() - 1) : verifyBaseUrl;
    }

    public String verifyUrl(String printedCode) {
        return verifyBaseUrl + "/" + printedCode;
    }

    public byte[] render(Determination d, String printedCode) {
        try (PDDocument doc = new PDDocument();
                PdfLayout.FontHandle font = PdfLayout.loadFont(doc, fontPath)) {
            doc.getDocumentInformation().setTitle("道路交通事故认定书（简易程序） " + d.caseNo());
            doc.getDocumentInformation().setSubject("verification code " + printedCode);
            PdfLayout.Writer w = new PdfLayout.Writer(doc, font.font());
            body(w, d, printedCode);
            w.close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render determination " + d.caseNo(), e);
        }
    }

    private void body(PdfLayout.Writer w, Determination d, String code) throws IOException {
        w.centered(d.officerUnit(), 12);
        w.centered("道路交通事故认定书（简易程序）", 18);
        w.gap(4);
        w.centered("事故编号 " + d.caseNo(), 9);
        w.gap(10);

        w.heading("事故基本情况");
        w.row("事故时间", TIME.format(d.occurredAt().atZone(CHINA)));
        w.row("事故地点", d.place());
        w.row("天气", d.weatherZh());
        w.row("事故形态", d.accidentFormZh());

        for (Determination.Party p : d.parties()) {
            w.gap(6);
            w.heading("当事人" + p.label());
            w.row("姓名", p.name());
            w.row("驾驶证号", p.licenceNo());
            w.row("车辆", p.vehicleType() + "　" + (p.plate() == null ? "" : p.plate().value()));
            w.row("保险公司", p.insurerName() + "　保单号 " + p.policyNo());
        }

        w.gap(6);
        w.heading("道路交通事故事实");
        w.paragraph(d.facts());

        w.gap(6);
        w.heading("当事人责任及依据");
        for (Determination.Party p : d.parties()) {
            w.row("当事人" + p.label() + " " + p.name(), p.gradeZh());
            if (!p.basis().isEmpty()) {
                w.row("　依据", String.join("；", p.basis().stream()
                        .map(LegalBasisList.Article::zh).toList()));
            }
        }
        if (!d.note().isBlank()) {
            w.gap(4);
            w.paragraph("备注：" + d.note());
        }
        w.gap(6);
        w.paragraph("当事人对本认定有异议的，可以自本认定书送达之日起三日内，在安行事故页面申请复核。");

        w.gap(8);
        w.row("交通警察", d.officerName());
        w.row("单位", d.officerUnit());
        w.row("日期", DATE.format(d.issuedAt().atZone(CHINA)));

        w.gap(10);
        w.rule();
        w.gap(4);
        w.text(PdfLayout.MARGIN, "验证码  " + code, 14);
        w.text(PdfLayout.MARGIN, "验证网址  " + verifyUrl(code), PdfLayout.BODY);
        w.modules(qr(verifyUrl(code)), 96);
        w.paragraph("扫描二维码或访问验证网址，可核验本认定书是否真实、内容是否被改动。");
    }

    static boolean[][] qr(String text) {
        try {
            BitMatrix m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                            EncodeHintType.MARGIN, 0, EncodeHintType.CHARACTER_SET, "UTF-8"));
            boolean[][] dark = new boolean[m.getHeight()][m.getWidth()];
            for (int y = 0; y < m.getHeight(); y++) {
                for (int x = 0; x < m.getWidth(); x++) {
                    dark[y][x] = m.get(x, y);
                }
            }
            return dark;
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode " + text + " as a QR code", e);
        }
    }
}
