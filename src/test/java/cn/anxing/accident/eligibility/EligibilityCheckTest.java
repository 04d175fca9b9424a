package cn.anxing.accident.eligibility;

import cn.anxing.accident.cases.AccidentError;
import cn.anxing.error.DomainException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EligibilityCheckTest {

    private static final EligibilityCheck ZHEJIANG = new EligibilityCheck(EligibilityPolicy.ZHEJIANG);
    private static final RoadLocation CITY_STREET = new RoadLocation(RoadClass.PRIMARY, false);

    /** The ordinary scrape with one answer changed. */
    private static ChecklistAnswers with(String answer) {
        ChecklistAnswers o = ChecklistAnswers.ordinaryTwoCarScrape();
        return new ChecklistAnswers(
                answer.equals("injured") || o.anyoneInjuredOrKilled(),
                !answer.equals("not drivable") && o.allVehiclesDrivable(),
                !answer.equals("uninsured") && o.allVehiclesCompulsoryInsured(),
                !answer.equals("no inspection mark") && o.allVehiclesInspected(),
                answer.equals("drink or drugs") || o.drinkOrDrugsSuspected(),
                !answer.equals("no valid licence") && o.allLicencesValid(),
                answer.equals("facility hit") || o.facilityOrBuildingHit(),
                answer.equals("hazardous goods") || o.hazardousGoodsVehicle(),
                answer.equals("false plate") || o.plateMissingOrFalse(),
                answer.equals("school bus") || o.schoolBusOrOverloadOrSpeeding(),
                answer.equals("party left") || o.partyLeftScene(),
                answer.equals("deliberate") || o.deliberateCollisionSuspected(),
                answer.equals("three vehicles") ? 3 : answer.equals("one vehicle") ? 1
                        : o.motorVehicles());
    }

    @Test
    @DisplayName("An ordinary two-car scrape on a city street may be settled on the phone")
    void ordinaryScrapeIsAllowed() {
        EligibilityResult r = ZHEJIANG.check(ChecklistAnswers.ordinaryTwoCarScrape(), CITY_STREET);
        assertTrue(r.selfServiceAllowed());
        assertEquals(List.of(), r.reasons());
        assertEquals(SceneAction.MOVE_AND_SETTLE, r.sceneAction());
        assertFalse(r.medicalAdvancePath());
    }

    @ParameterizedTest(name = "{0} -> {1}, {2}")
    @CsvSource({
            "injured,            INJURY_OR_DEATH,                 KEEP_SCENE_AND_CALL_POLICE, true,  第十三条第一款",
            "no valid licence,   LICENCE_INVALID,                 KEEP_SCENE_AND_CALL_POLICE, false, 第十三条第一款第（一）项",
            "drink or drugs,     DRINK_OR_DRUGS,                  KEEP_SCENE_AND_CALL_POLICE, false, 第十三条第一款第（二）项",
            "school bus,         SCHOOL_BUS_OVERLOAD_OR_SPEEDING, KEEP_SCENE_AND_CALL_POLICE, false, 第十三条第一款第（三）项",
            "false plate,        PLATE_MISSING_OR_FALSE,          KEEP_SCENE_AND_CALL_POLICE, false, 第十三条第一款第（四）项",
            "not drivable,       VEHICLE_NOT_DRIVABLE,            KEEP_SCENE_AND_CALL_POLICE, false, 第十三条第一款第（五）项",
            "party left,         PARTY_LEFT_SCENE,                KEEP_SCENE_AND_CALL_POLICE, false, 第十三条第一款第（六）项",
            "deliberate,         DELIBERATE_COLLISION,            KEEP_SCENE_AND_CALL_POLICE, false, 第十三条第一款第（七）项",
            "uninsured,          NOT_COMPULSORY_INSURED,          MOVE_THEN_CALL_POLICE,      false, 第十四条第（一）项",
            "no inspection mark, NO_INSPECTION_MARK,              MOVE_THEN_CALL_POLICE,      false, 第十四条第（一）项",
            "facility hit,       FACILITY_OR_BUILDING_HIT,        MOVE_THEN_CALL_POLICE,      false, 第十四条第（二）项",
            "hazardous goods,    HAZARDOUS_GOODS,                 KEEP_SCENE_AND_CALL_POLICE, false, 浙里快处",
            "three vehicles,     MOTOR_VEHICLE_COUNT,             MOVE_THEN_CALL_POLICE,      false, 浙里快处",
            "one vehicle,        MOTOR_VEHICLE_COUNT,             MOVE_THEN_CALL_POLICE,      false, 浙里快处",
    })
    @DisplayName("Each answer that rules out self-handling gives its reason, its rule and what to do at the scene")
    void eachDisqualifyingAnswer(String answer, IneligibilityReason reason, SceneAction action,
                                 boolean medical, String article) {
        EligibilityResult r = ZHEJIANG.check(with(answer), CITY_STREET);
        assertFalse(r.selfServiceAllowed());
        assertEquals(List.of(reason), r.reasons());
        assertEquals(action, r.sceneAction());
        assertEquals(medical, r.medicalAdvancePath());
        assertTrue(reason.legalBasis().stream().anyMatch(b -> b.zh().contains(article)),
                reason + " cites " + article);
    }

    @ParameterizedTest(name = "highway={0} motorroad={1} -> expressway rule {2}")
    @CsvSource({
            "motorway,      false, true",
            "motorway_link, false, true",
            "trunk,         true,  true",
            "trunk_link,    true,  true",
            "trunk,         false, false",
            "primary,       true,  false",
            "residential,   false, false",
            "service,       false, false",
            "footway,       false, false",
            ",              false, false",
    })
    @DisplayName("The road class decides the expressway rule: motorways always, trunk roads when tagged motorroad")
    void expresswayRule(String highway, boolean motorroad, boolean excluded) {
        EligibilityResult r = ZHEJIANG.check(ChecklistAnswers.ordinaryTwoCarScrape(),
                new RoadLocation(RoadClass.ofOsm(highway), motorroad));
        assertEquals(!excluded, r.selfServiceAllowed());
        assertEquals(excluded ? List.of(IneligibilityReason.EXPRESSWAY) : List.of(), r.reasons());
    }

    @Test
    @DisplayName("Every reason is listed, and the strictest scene instruction wins")
    void severalReasonsAreAllListed() {
        ChecklistAnswers a = new ChecklistAnswers(true, true, false, true, true, true, true,
                false, false, false, false, false, 2);
        EligibilityResult r = ZHEJIANG.check(a, new RoadLocation(RoadClass.MOTORWAY, false));
        assertEquals(List.of(IneligibilityReason.INJURY_OR_DEATH,
                IneligibilityReason.DRINK_OR_DRUGS, IneligibilityReason.NOT_COMPULSORY_INSURED,
                IneligibilityReason.FACILITY_OR_BUILDING_HIT, IneligibilityReason.EXPRESSWAY),
                r.reasons());
        assertEquals(SceneAction.KEEP_SCENE_AND_CALL_POLICE, r.sceneAction());
        assertTrue(r.medicalAdvancePath());
    }

    @ParameterizedTest(name = "{0} vehicles on a motorway under a policy for 2..5 without the expressway rule -> allowed {1}")
    @CsvSource({"2, true", "3, true", "5, true", "6, false", "1, false"})
    @DisplayName("A province without the Zhejiang limits may allow more vehicles and expressways")
    void otherPolicy(int vehicles, boolean allowed) {
        EligibilityCheck check = new EligibilityCheck(new EligibilityPolicy(2, 5, false, false));
        ChecklistAnswers a = new ChecklistAnswers(false, true, true, true, false, true, false,
                true, false, false, false, false, vehicles);
        assertEquals(allowed, check.check(a, new RoadLocation(RoadClass.MOTORWAY, false))
                .selfServiceAllowed());
    }

    @Test
    @DisplayName("A checklist with no motor vehicle is refused naming motorVehicles")
    void zeroVehiclesRefused() {
        ChecklistAnswers a = new ChecklistAnswers(false, true, true, true, false, true, false,
                false, false, false, false, false, 0);
        DomainException e = assertThrows(DomainException.class,
                () -> ZHEJIANG.check(a, CITY_STREET));
        assertEquals("motorVehicles", e.field());
    }
}
