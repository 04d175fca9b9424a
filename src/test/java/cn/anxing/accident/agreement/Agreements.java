package cn.anxing.accident.agreement;

import cn.anxing.accident.cases.PlateNumber;
import cn.anxing.routing.LatLon;
import cn.anxing.accident.liability.LiabilityGrade;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/** A realistic agreement for the tests: a rear-end scrape in Pinghu, both parties signed. */
final class Agreements {

    private Agreements() {
    }

    static SettlementAgreement sample() {
        return new SettlementAgreement("PH-20261129-0042", Instant.parse("2026-11-29T01:30:00Z"),
                "浙江省嘉兴市平湖市当湖街道新华北路与胜利路交叉口", new LatLon(30.7001, 121.0152),
                Weather.OVERCAST, AccidentForm.REAR_END_COLLISION, "zj-v1", List.of(
                new AgreementParty("A", "张三丰", "330482199001011234", "13800000001", "小型轿车",
                        PlateNumber.parse("浙F12345"), "中国人民财产保险股份有限公司平湖支公司",
                        "PDZA202633048200001234", "车尾", LiabilityGrade.NONE, null,
                        new Signature(signaturePng(1), Instant.parse("2026-11-29T01:52:10Z"))),
                new AgreementParty("B", "李四光", "33048219851212567X", "13900000002",
                        "小型普通客车", PlateNumber.parse("浙FD12345"), "中国平安财产保险股份有限公司",
                        "ASHZ01234567890123", "车头右侧", LiabilityGrade.FULL, "REAR_END",
                        new Signature(signaturePng(2), Instant.parse("2026-11-29T01:53:40Z")))));
    }

    /** A hand-drawn-looking stroke; {@code seed} varies its shape so each party's differs. */
    static byte[] signaturePng(int seed) {
        BufferedImage img = new BufferedImage(300, 120, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(20, 30, 120));
        g.setStroke(new BasicStroke(5, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        int px = 20;
        int py = 60;
        for (int x = 20; x < 280; x += 6) {
            int y = (int) (60 + 35 * Math.sin(x / (12.0 + 4 * seed)) * Math.cos(x / 40.0));
            g.drawLine(px, py, x, y);
            px = x;
            py = y;
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static SettlementAgreement withParty(SettlementAgreement a, int index, AgreementParty p) {
        List<AgreementParty> parties = new java.util.ArrayList<>(a.parties());
        parties.set(index, p);
        return new SettlementAgreement(a.caseId(), a.occurredAt(), a.place(), a.position(),
                a.weather(), a.accidentForm(), a.catalogueVersion(), parties);
    }
}
