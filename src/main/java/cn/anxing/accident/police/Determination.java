package cn.anxing.accident.police;

import cn.anxing.accident.cases.PlateNumber;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The determination (道路交通事故认定书, simplified procedure) as issued: everything it prints,
 * and the canonical text its verification code is the seal of.
 *
 * @param place         the road name, or the coordinates off the road
 * @param facts         the facts the officer found (事故事实)
 * @param officerUnit   the police unit the officer acts for
 * @param legalListVersion the {@link LegalBasisList} version the articles come from
 */
public record Determination(String caseNo, Instant occurredAt, String place, double lat,
        double lon, String weatherZh, String accidentFormZh, List<Party> parties, String facts,
        String note, String officerName, String officerUnit, Instant issuedAt,
        String legalListVersion) {

    /** One party as the document names them, with their grade and its legal basis. */
    public record Party(String label, String name, String licenceNo, String vehicleType,
            PlateNumber plate, String insurerName, String policyNo, String grade, String gradeZh,
            List<LegalBasisList.Article> basis) {

        public Party {
            basis = List.copyOf(basis);
        }
    }

    public Determination {
        parties = List.copyOf(parties);
        note = note == null ? "" : note;
    }

    private static final String HEADER = "anxing-determination-v1";

    public byte[] canonicalBytes() {
        StringBuilder s = new StringBuilder(HEADER).append('\n');
        line(s, "caseNo", caseNo);
        line(s, "occurredAt", occurredAt.toString());
        line(s, "place", place);
        line(s, "position", String.format(Locale.ROOT, "%.7f,%.7f", lat, lon));
        line(s, "weather", weatherZh);
        line(s, "accidentForm", accidentFormZh);
        line(s, "facts", facts);
        line(s, "note", note);
        line(s, "officer", officerName);
        line(s, "unit", officerUnit);
        line(s, "issuedAt", issuedAt.toString());
        line(s, "legalList", legalListVersion);
        line(s, "parties", Integer.toString(parties.size()));
        for (int i = 0; i < parties.size(); i++) {
            Party p = parties.get(i);
            String k = "party." + i + ".";
            line(s, k + "label", p.label());
            line(s, k + "name", p.name());
            line(s, k + "licenceNo", p.licenceNo());
            line(s, k + "vehicleType", p.vehicleType());
            line(s, k + "plate", p.plate() == null ? "" : p.plate().value());
            line(s, k + "insurer", p.insurerName());
            line(s, k + "policyNo", p.policyNo());
            line(s, k + "grade", p.grade());
            line(s, k + "basis", String.join(",", p.basis().stream()
                    .map(LegalBasisList.Article::code).toList()));
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Values are escaped so no field can forge another line. */
    private static void line(StringBuilder s, String key, String value) {
        String v = value == null ? "" : value;
        s.append(key).append('=').append(v.replace("\\", "\\\\").replace("\n", "\\n")
                .replace("\r", "\\r")).append('\n');
    }
}
