package cn.anxing.accident.agreement;

import cn.anxing.accident.cases.PlateNumber;
import cn.anxing.accident.liability.LiabilityGrade;
import cn.anxing.accident.privacy.Masking;

/**
 * One party as the agreement (协议书) names them: the fields Order 146 art. 22 requires.
 *
 * @param partyId           the case's label for the party, e.g. "A"
 * @param licenceOrIdNumber driving licence number (驾驶证号) or ID number (身份证号)
 * @param vehicleType       机动车种类, e.g. 小型轿车
 * @param policyNumber      compulsory insurance policy number (保险凭证号)
 * @param collisionPart     碰撞部位, e.g. 车头右侧
 * @param scenarioCode      the catalogue situation that made the party liable; null if none
 * @param signature         null until the party has signed
 */
public record AgreementParty(String partyId, String name, String licenceOrIdNumber,
                             String phone, String vehicleType, PlateNumber plate, String insurer,
                             String policyNumber, String collisionPart, LiabilityGrade liability,
                             String scenarioCode, Signature signature) {

    public AgreementParty withSignature(Signature s) {
        return new AgreementParty(partyId, name, licenceOrIdNumber, phone, vehicleType, plate,
                insurer, policyNumber, collisionPart, liability, scenarioCode, s);
    }

    /** Keeps the identifiers out of logs. */
    @Override
    public String toString() {
        return "AgreementParty[" + partyId + ", " + plate + ", licence "
                + Masking.licenceOrId(licenceOrIdNumber) + ", phone " + Masking.phone(phone)
                + ", " + liability + (signature == null ? ", unsigned]" : ", signed]");
    }
}
