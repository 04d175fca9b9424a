package cn.anxing.accident.agreement;

import cn.anxing.accident.cases.AccidentError;
import cn.anxing.error.DomainException;
import cn.anxing.routing.LatLon;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The settlement agreement (道路交通事故自行协商协议书) with every field Order 146 art. 22
 * requires: time, place, weather; per party name, licence or ID number, contact, vehicle type
 * and plate, insurer and policy number; the form of the accident, the collision parts and each
 * party's liability; and the parties' signatures.
 *
 * @param position where the accident happened (WGS-84), or null if only the address is known
 */
public record SettlementAgreement(String caseId, Instant occurredAt, String place,
                                  LatLon position, Weather weather, AccidentForm accidentForm,
                                  String catalogueVersion, List<AgreementParty> parties) {

    /** First line of the canonical form; changes only if the layout below changes. */
    static final String CANONICAL_HEADER = "anxing-settlement-agreement/1";

    public SettlementAgreement {
        parties = List.copyOf(parties);
        require(caseId, "caseId");
        if (occurredAt == null) {
            throw invalid("the time of the accident is missing", "occurredAt");
        }
        require(place, "place");
        if (weather == null) {
            throw invalid("the weather is missing", "weather");
        }
        if (accidentForm == null) {
            throw invalid("the form of the accident is missing", "accidentForm");
        }
        require(catalogueVersion, "catalogueVersion");
        if (parties.size() < 2) {
            throw invalid("an agreement is between at least two parties", "parties");
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < parties.size(); i++) {
            AgreementParty p = parties.get(i);
            String at = "parties[" + i + "].";
            require(p.partyId(), at + "partyId");
            if (!ids.add(p.partyId())) {
                throw invalid("party " + p.partyId() + " appears twice", at + "partyId");
            }
            require(p.name(), at + "name");
            require(p.licenceOrIdNumber(), at + "licenceOrIdNumber");
            require(p.phone(), at + "phone");
            require(p.vehicleType(), at + "vehicleType");
            if (p.plate() == null) {
                throw invalid("the plate is missing", at + "plate");
            }
            require(p.insurer(), at + "insurer");
            require(p.policyNumber(), at + "policyNumber");
            require(p.collisionPart(), at + "collisionPart");
            if (p.liability() == null || !p.liability().selfServiceAllowed()) {
                throw invalid("a self-settled agreement gives full, equal or no liability; "
                        + p.liability() + " is for the police", at + "liability");
            }
        }
    }

    public boolean fullySigned() {
        return parties.stream().allMatch(p -> p.signature() != null);
    }

    /**
     * The agreement as bytes that do not depend on how it was stored or parsed: one
     * {@code key=value} line per field in a fixed order, UTF-8, with backslash, CR and LF
     * escaped, signatures as the SHA-256 of their PNG. The seal is computed over these bytes.
     */
    public byte[] canonicalBytes() {
        StringBuilder s = new StringBuilder(CANONICAL_HEADER).append('\n');
        line(s, "caseId", caseId);
        line(s, "occurredAt", occurredAt.toString());
        line(s, "place", place);
        line(s, "position", position == null ? ""
                : String.format(Locale.ROOT, "%.7f,%.7f", position.lat(), position.lon()));
        line(s, "weather", weather.name());
        line(s, "accidentForm", accidentForm.name());
        line(s, "catalogueVersion", catalogueVersion);
        line(s, "parties", Integer.toString(parties.size()));
        for (int i = 0; i < parties.size(); i++) {
            AgreementParty p = parties.get(i);
            String k = "party." + i + ".";
            line(s, k + "partyId", p.partyId());
            line(s, k + "name", p.name());
            line(s, k + "licenceOrIdNumber", p.licenceOrIdNumber());
            line(s, k + "phone", p.phone());
            line(s, k + "vehicleType", p.vehicleType());
            line(s, k + "plate", p.plate().value());
            line(s, k + "insurer", p.insurer());
            line(s, k + "policyNumber", p.policyNumber());
            line(s, k + "collisionPart", p.collisionPart());
            line(s, k + "liability", p.liability().name());
            line(s, k + "scenarioCode", p.scenarioCode() == null ? "" : p.scenarioCode());
            line(s, k + "signature.sha256", p.signature() == null ? "" : sha256(p.signature().png()));
            line(s, k + "signature.signedAt",
                    p.signature() == null ? "" : p.signature().signedAt().toString());
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder s, String key, String value) {
        s.append(key).append('=').append(value.replace("\\", "\\\\").replace("\n", "\\n")
                .replace("\r", "\\r")).append('\n');
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw invalid(field + " is missing", field);
        }
    }

    private static DomainException invalid(String message, String field) {
        return new DomainException(AccidentError.AGREEMENT_INVALID, message, field);
    }
}
