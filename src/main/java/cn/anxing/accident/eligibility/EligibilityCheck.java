package cn.anxing.accident.eligibility;

import cn.anxing.accident.cases.AccidentError;
import cn.anxing.error.DomainException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Decides from the checklist and the road whether the parties may handle the accident
 * themselves (Road Traffic Safety Law art. 70, Order 146 art. 13, 14, 19; 浙里快处), and
 * otherwise lists every reason, so the police see the whole picture and not only the first.
 */
public final class EligibilityCheck {

    private final EligibilityPolicy policy;

    public EligibilityCheck(EligibilityPolicy policy) {
        this.policy = policy;
    }

    public EligibilityResult check(ChecklistAnswers a, RoadLocation location) {
        if (a.motorVehicles() < 1) {
            throw new DomainException(AccidentError.CHECKLIST_INVALID,
                    "an accident involves at least one motor vehicle", "motorVehicles");
        }
        List<IneligibilityReason> reasons = new ArrayList<>();
        if (a.anyoneInjuredOrKilled()) {
            reasons.add(IneligibilityReason.INJURY_OR_DEATH);
        }
        if (!a.allLicencesValid()) {
            reasons.add(IneligibilityReason.LICENCE_INVALID);
        }
        if (a.drinkOrDrugsSuspected()) {
            reasons.add(IneligibilityReason.DRINK_OR_DRUGS);
        }
        if (a.schoolBusOrOverloadOrSpeeding()) {
            reasons.add(IneligibilityReason.SCHOOL_BUS_OVERLOAD_OR_SPEEDING);
        }
        if (a.plateMissingOrFalse()) {
            reasons.add(IneligibilityReason.PLATE_MISSING_OR_FALSE);
        }
        if (!a.allVehiclesDrivable()) {
            reasons.add(IneligibilityReason.VEHICLE_NOT_DRIVABLE);
        }
        if (a.partyLeftScene()) {
            reasons.add(IneligibilityReason.PARTY_LEFT_SCENE);
        }
        if (a.deliberateCollisionSuspected()) {
            reasons.add(IneligibilityReason.DELIBERATE_COLLISION);
        }
        if (!a.allVehiclesCompulsoryInsured()) {
            reasons.add(IneligibilityReason.NOT_COMPULSORY_INSURED);
        }
        if (!a.allVehiclesInspected()) {
            reasons.add(IneligibilityReason.NO_INSPECTION_MARK);
        }
        if (a.facilityOrBuildingHit()) {
            reasons.add(IneligibilityReason.FACILITY_OR_BUILDING_HIT);
        }
        if (a.hazardousGoodsVehicle() && policy.hazardousGoodsExcluded()) {
            reasons.add(IneligibilityReason.HAZARDOUS_GOODS);
        }
        if (policy.expresswaysExcluded() && location.expressway()) {
            reasons.add(IneligibilityReason.EXPRESSWAY);
        }
        if (a.motorVehicles() < policy.minMotorVehicles()
                || a.motorVehicles() > policy.maxMotorVehicles()) {
            reasons.add(IneligibilityReason.MOTOR_VEHICLE_COUNT);
        }
        SceneAction action = reasons.stream().map(IneligibilityReason::sceneAction)
                .max(Comparator.naturalOrder()).orElse(SceneAction.MOVE_AND_SETTLE);
        return new EligibilityResult(reasons.isEmpty(), reasons, action,
                a.anyoneInjuredOrKilled());
    }
}
