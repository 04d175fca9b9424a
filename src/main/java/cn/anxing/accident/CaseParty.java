package cn.anxing.accident;

import cn.anxing.accident.agreement.Signature;
import cn.anxing.accident.cases.PlateNumber;
import cn.anxing.accident.liability.PartyStatement;
import java.time.Instant;
import java.util.UUID;

/**
 * A party of a case (当事人): who, their vehicle and papers, their statement and signature. The
 * licence number is kept encrypted; {@code licenceMasked} is what other parties see.
 *
 * @param plate     null until the party chose their vehicle (a joining driver)
 * @param statement null until the party made it
 * @param signature null until the party signed
 */
public record CaseParty(UUID id, String label, UUID accountId, Instant joinedAt, String name,
        String phone, PlateNumber plate, String vehicleType, byte[] licenceEncrypted,
        String licenceMasked, String insurerCode, String policyNo, String collisionPart,
        PartyStatement statement, Instant statedAt, Signature signature) {

    /** A party's details as they will be stored (licence already encrypted). */
    public record Details(String name, PlateNumber plate, String vehicleType,
            byte[] licenceEncrypted, String licenceMasked, String insurerCode, String policyNo,
            String collisionPart) {
    }

    /** Everything the agreement needs from this party is there. */
    public boolean complete() {
        return name != null && plate != null && vehicleType != null && licenceEncrypted != null
                && insurerCode != null && policyNo != null && collisionPart != null;
    }

    public boolean stated() {
        return statement != null;
    }

    public boolean signed() {
        return signature != null;
    }

    public CaseParty withDetails(Details d) {
        return new CaseParty(id, label, accountId, joinedAt, d.name(), phone, d.plate(),
                d.vehicleType(), d.licenceEncrypted(), d.licenceMasked(), d.insurerCode(),
                d.policyNo(), d.collisionPart(), statement, statedAt, signature);
    }

    public CaseParty withSignature(Signature s) {
        return new CaseParty(id, label, accountId, joinedAt, name, phone, plate, vehicleType,
                licenceEncrypted, licenceMasked, insurerCode, policyNo, collisionPart, statement,
                statedAt, s);
    }

    /** The context the licence number is encrypted under: it decrypts for this party only. */
    public String licenceContext() {
        return "accident_party.licence_no:" + id;
    }
}
