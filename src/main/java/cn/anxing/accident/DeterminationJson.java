package cn.anxing.accident;

import cn.anxing.accident.cases.PlateNumber;
import cn.anxing.accident.police.Determination;
import cn.anxing.accident.police.LegalBasisList;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The determination as stored ({@code accident_determination.content}) and read back. */
final class DeterminationJson {

    private DeterminationJson() {
    }

    static JsonObject of(Determination d) {
        JsonArray parties = new JsonArray();
        for (Determination.Party p : d.parties()) {
            parties.add(new JsonObject().put("label", p.label()).put("name", p.name())
                    .put("licenceNo", p.licenceNo()).put("vehicleType", p.vehicleType())
                    .put("plate", p.plate() == null ? null : p.plate().value())
                    .put("insurerName", p.insurerName()).put("policyNo", p.policyNo())
                    .put("grade", p.grade()).put("gradeZh", p.gradeZh())
                    .put("basis", new JsonArray(p.basis().stream().map(a -> new JsonObject()
                            .put("code", a.code()).put("zh", a.zh()).put("en", a.en())
                            .put("summaryZh", a.summaryZh())).toList())));
        }
        return new JsonObject().put("caseNo", d.caseNo())
                .put("occurredAt", d.occurredAt().toString()).put("place", d.place())
                .put("lat", d.lat()).put("lon", d.lon()).put("weatherZh", d.weatherZh())
                .put("accidentFormZh", d.accidentFormZh()).put("parties", parties)
                .put("facts", d.facts()).put("note", d.note())
                .put("officerName", d.officerName()).put("officerUnit", d.officerUnit())
                .put("issuedAt", d.issuedAt().toString())
                .put("legalListVersion", d.legalListVersion());
    }

    static Determination read(JsonObject j) {
        List<Determination.Party> parties = new ArrayList<>();
        for (Object o : j.getJsonArray("parties")) {
            JsonObject p = (JsonObject) o;
            List<LegalBasisList.Article> basis = new ArrayList<>();
            for (Object b : p.getJsonArray("basis")) {
                JsonObject a = (JsonObject) b;
                basis.add(new LegalBasisList.Article(a.getString("code"), a.getString("zh"),
                        a.getString("en"), a.getString("summaryZh", "")));
            }
            String plate = p.getString("plate");
            parties.add(new Determination.Party(p.getString("label"), p.getString("name"),
                    p.getString("licenceNo"), p.getString("vehicleType"),
                    plate == null ? null : PlateNumber.parse(plate), p.getString("insurerName"),
                    p.getString("policyNo"), p.getString("grade"), p.getString("gradeZh"),
                    basis));
        }
        return new Determination(j.getString("caseNo"), Instant.parse(j.getString("occurredAt")),
                j.getString("place"), j.getDouble("lat"), j.getDouble("lon"),
                j.getString("weatherZh"), j.getString("accidentFormZh"), parties,
                j.getString("facts"), j.getString("note"), j.getString("officerName"),
                j.getString("officerUnit"), Instant.parse(j.getString("issuedAt")),
                j.getString("legalListVersion"));
    }
}
