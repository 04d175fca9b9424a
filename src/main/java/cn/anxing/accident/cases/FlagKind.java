package cn.anxing.accident.cases;

/**
 * What a case flag says (风险提示). Every kind holds self-service settlement: a flagged case goes
 * to the police before its agreement is sealed.
 */
public enum FlagKind {
    /** A photo has no EXIF time: nothing shows it was taken at this accident. */
    NO_PHOTO_TIME,
    /** A photo's EXIF time is far from the report's. */
    TIME_FAR_FROM_REPORT,
    /** A photo's EXIF position is far from the report's. */
    POSITION_FAR_FROM_REPORT,
    /** The same photo, or a near copy of it, is evidence in another case. */
    PHOTO_REUSED,
    /** A plate of the case is in many cases within a short time. */
    PLATE_FREQUENT
}
