package cn.anxing.payment;

/**
 * The liability of one vehicle's party as the police or the parties decide it (Order 146 art. 60):
 * full (全部), main (主要), equal (同等), secondary (次要), none (无责).
 */
public enum LiabilityGrade {
    FULL, MAIN, EQUAL, SECONDARY, NONE;

    /** What the grade means for the compulsory-insurance limit of this vehicle's insurer. */
    public LiabilityState state() {
        return this == NONE ? LiabilityState.NOT_LIABLE : LiabilityState.LIABLE;
    }
}
