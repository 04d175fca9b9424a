package cn.anxing.accident.cases;

import cn.anxing.error.ErrorCode;

/**
 * The accident feature's error codes, each with the HTTP status it is answered with (400 unless
 * said). Thrown as {@link cn.anxing.error.DomainException}; broken stored data (a licence number
 * that no longer decrypts) is not among them: that is our fault, a 500.
 */
public enum AccidentError implements ErrorCode {
    // ---- the case and its moves
    CASE_NOT_FOUND(404),
    VERSION_CONFLICT(409),
    /** The case's state does not allow this change (a stale page, a replayed request). */
    CASE_TRANSITION_NOT_ALLOWED(409),
    ACTOR_REQUIRED,
    // ---- report and join
    POSITION_INVALID,
    OCCURRED_AT_INVALID,
    PLATES_REQUIRED,
    PLATE_INVALID,
    PLATE_REPEATED,
    TOO_MANY_VEHICLES,
    SHARE_CODE_REQUIRED,
    SHARE_CODE_UNKNOWN(404),
    CASE_CLOSED_TO_JOIN(409),
    CASE_FULL(409),
    /** The public preview of share codes was asked for too often: wait (Retry-After). */
    TOO_MANY_PREVIEWS(429),
    // ---- eligibility and evidence
    CHECKLIST_INVALID,
    IDEMPOTENCY_KEY_REQUIRED,
    PHOTO_SLOT_UNKNOWN,
    PHOTO_EMPTY,
    PHOTO_TOO_LARGE(413),
    PHOTO_TRUNCATED,
    /** The file does not decode as the image it claims to be. */
    PHOTO_UNREADABLE,
    /** No width or height, or more pixels than a phone camera takes. */
    PHOTO_DIMENSIONS,
    /** The file carries web content (HTML, script) besides the picture: a polyglot. */
    PHOTO_ACTIVE_CONTENT,
    PHOTO_TYPE_NOT_ALLOWED(415),
    // ---- parties and statements
    PLATE_NOT_IN_CASE,
    PLATE_TAKEN(409),
    LICENCE_INVALID,
    INSURER_UNKNOWN,
    ALREADY_STATED(409),
    STATEMENT_INCOMPLETE,
    STATEMENT_INVALID,
    TOO_FEW_PARTIES,
    UNKNOWN_SCENARIO,
    CATALOGUE_INVALID,
    NO_CATALOGUE_IN_FORCE,
    // ---- signing and agreement
    SIGNATURE_INVALID,
    ALREADY_SIGNED(409),
    AGREEMENT_INVALID,
    AGREEMENT_UNSIGNED,
    AGREEMENT_NOT_SIGNED(409),
    /** The case has a fraud or evidence flag: the police look before the agreement is sealed. */
    SETTLEMENT_HELD(409),
    /** The officer asked for something else (another slot, field or party's statement). */
    NOT_REQUESTED(409),
    REVIEW_TOO_LATE(409),
    // ---- police review
    GRADE_REQUIRED,
    GRADE_INVALID,
    /** Another officer holds the case; the message names them. */
    CLAIM_HELD(409),
    /** The officer acts on a case without holding its claim. */
    CLAIM_REQUIRED(409),
    FACTS_REQUIRED,
    LEGAL_BASIS_UNKNOWN,
    /** A party's grade names no article of the legal basis list. */
    LEGAL_BASIS_REQUIRED,
    SEND_BACK_INVALID,
    LEGAL_BASIS_INVALID,
    DETERMINATION_NOT_ISSUED(404);

    private final int status;

    AccidentError() {
        this(400);
    }

    AccidentError(int status) {
        this.status = status;
    }

    @Override
    public int status() {
        return status;
    }
}
