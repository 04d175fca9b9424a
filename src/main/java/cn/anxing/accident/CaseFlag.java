package cn.anxing.accident;

import cn.anxing.accident.cases.FlagKind;

import cn.anxing.accident.photo.PhotoCheck;

/**
 * Something an officer should look at (a photo taken far from the report in time or place). A
 * flag refuses nothing; it puts the case in the police queue.
 *
 * @param amount minutes or metres, rounded
 * @param slot   the photo's stored slot key on the case's list; null on the photo's own list
 */
public record CaseFlag(FlagKind kind, long amount, long limit, String zh, String en,
        String slot) {

    public static CaseFlag of(PhotoCheck.Flag f) {
        return new CaseFlag(FlagKind.valueOf(f.kind().name()), Math.round(f.amount()), Math.round(f.limit()), f.zh(),
                f.en(), null);
    }

    public CaseFlag inSlot(String slotKey) {
        return new CaseFlag(kind, amount, limit, zh, en, slotKey);
    }
}
