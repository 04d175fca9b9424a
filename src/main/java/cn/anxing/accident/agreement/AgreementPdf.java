package cn.anxing.accident.agreement;

import cn.anxing.accident.liability.LegalBasis;
import cn.anxing.accident.liability.Scenario;
import cn.anxing.accident.liability.ScenarioCatalogue;
import cn.anxing.documents.PdfLayout;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
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
 * <p>Blocking (file reading, font subsetting): call it from a worker thread. The page layout
 * is {@link PdfLayout}'s, shared with the determination.
 */
public final class AgreementPdf {

    private static final ZoneId CHINA = PdfLayout.CHINA;
    private static final DateTimeFormatter TIME = PdfLayout.TIME;
    private static final float MARGIN = PdfLayout.MARGIN;
    private static final float BODY = PdfLayout.BODY;
    private static final float SIGNATURE_ROW = PdfLayout.SIGNATURE_ROW;
    private static final float QR_SIDE = PdfLayout.QR_SIDE;

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
        try (PDDocument doc = new PDDocument();
                PdfLayout.FontHandle font = PdfLayout.loadFont(doc, fontPath)) {
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle("道路交通事故自行协商协议书 " + agreement.caseId());
            info.setSubject("verification code " + verificationCode);
            PdfLayout.Writer w = new PdfLayout.Writer(doc, font.font());
            body(w, agreement, catalogue, verificationCode);
            w.close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render agreement " + agreement.caseId(), e);
        }
    }

    private void body(PdfLayout.Writer w, SettlementAgreement a, ScenarioCatalogue catalogue, String code)
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
        w.signatures(a.parties().stream().map(p -> new PdfLayout.SignatureBox(
                "当事人" + p.partyId() + "（" + p.name() + "）",
                p.signature() == null ? null : p.signature().png(),
                p.signature() == null ? null : TIME.format(p.signature().signedAt().atZone(CHINA))))
                .toList());

        w.gap(10);
        w.ensure(QR_SIDE + 20);
        w.rule();
        w.gap(4);
        // the QR code holds the verify link, so a phone camera opens the check directly
        w.imageAtRight(QrCode.of(verifyUrl(code)).image(4), QR_SIDE);
        w.text(MARGIN, "验证码  " + code, 14);
        w.text(MARGIN, "验证网址  " + verifyUrl(code), BODY);
        w.paragraph("扫描右侧二维码、访问验证网址或在验证页面输入验证码，可核验本协议书是否真实、"
                + "内容是否被改动。", PDRectangle.A4.getWidth() - 2 * MARGIN - QR_SIDE - 12);
    }
}
