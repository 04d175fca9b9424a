package cn.anxing.payment.rules;

/** How the injured person is related to the one who applies for them (与申请人关系). */
public enum InjuredRelation {
    /** The injured person applies themselves (本人). */
    SELF,
    /** 配偶 */
    SPOUSE,
    /** 子女 */
    CHILD,
    /** 父母 */
    PARENT,
    /** 其他: another relative, a colleague, a passer-by. */
    OTHER;

    /** The relation a client sent, or a 400 naming {@code field}. */
    public static InjuredRelation parse(String value, String field) {
        for (InjuredRelation r : values()) {
            if (r.name().equals(value)) {
                return r;
            }
        }
        throw PaymentError.RELATION_INVALID.error(field, "与伤者的关系只能是本人、配偶、子女、父母或其他"
                + " / " + field + " must be one of SELF, SPOUSE, CHILD, PARENT, OTHER");
    }
}
