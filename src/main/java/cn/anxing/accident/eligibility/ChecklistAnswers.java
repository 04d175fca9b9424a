package cn.anxing.accident.eligibility;

/**
 * The driver's answers to the eligibility checklist on the phone page, phrased so that the
 * answer of an ordinary minor accident is the one a driver gives without thinking twice.
 *
 * @param anyoneInjuredOrKilled          anyone hurt, however lightly (有人受伤或死亡)
 * @param allVehiclesDrivable            every vehicle can move under its own power
 * @param allVehiclesCompulsoryInsured   every vehicle has compulsory insurance (交强险)
 * @param allVehiclesInspected           every vehicle shows its inspection mark (检验合格标志)
 * @param drinkOrDrugsSuspected          any driver may have been drinking or taken drugs
 * @param allLicencesValid               every driver holds a valid licence of the right class
 * @param facilityOrBuildingHit          a building or public facility was hit (护栏, 信号灯 ...)
 * @param hazardousGoodsVehicle          a vehicle carries dangerous goods (危险物品)
 * @param plateMissingOrFalse            a vehicle has no plate or a false one
 * @param schoolBusOrOverloadOrSpeeding  a school bus, a seriously overloaded passenger vehicle
 *                                       or serious speeding is involved
 * @param partyLeftScene                 a party has left the scene
 * @param deliberateCollisionSuspected   the collision looks deliberate
 * @param motorVehicles                  number of motor vehicles involved
 */
public record ChecklistAnswers(boolean anyoneInjuredOrKilled, boolean allVehiclesDrivable,
                               boolean allVehiclesCompulsoryInsured, boolean allVehiclesInspected,
                               boolean drinkOrDrugsSuspected, boolean allLicencesValid,
                               boolean facilityOrBuildingHit, boolean hazardousGoodsVehicle,
                               boolean plateMissingOrFalse, boolean schoolBusOrOverloadOrSpeeding,
                               boolean partyLeftScene, boolean deliberateCollisionSuspected,
                               int motorVehicles) {

    /** The answers of an ordinary two-car scrape that may be settled on the phone. */
    public static ChecklistAnswers ordinaryTwoCarScrape() {
        return new ChecklistAnswers(false, true, true, true, false, true, false, false, false,
                false, false, false, 2);
    }
}
