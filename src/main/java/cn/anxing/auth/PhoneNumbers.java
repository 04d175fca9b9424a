package cn.anxing.auth;

import cn.anxing.error.CommonError;
import cn.anxing.error.DomainException;

/** Mainland China mobile numbers: 11 digits starting with 1, optionally written with +86. */
public final class PhoneNumbers {

    private PhoneNumbers() {
    }

    public static String normalise(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            throw new DomainException(CommonError.VALIDATION_FAILED, "手机号必填 / phone is required",
                    field);
        }
        String digits = raw.replaceAll("[\\s-]", "");
        if (digits.startsWith("+86")) {
            digits = digits.substring(3);
        }
        if (!digits.matches("1[3-9]\\d{9}")) {
            throw new DomainException(CommonError.VALIDATION_FAILED,
                    "手机号应为11位数字 / phone must be an 11-digit mainland mobile number", field);
        }
        return digits;
    }

    /** 138****0001: enough to recognise, not enough to call. */
    public static String mask(String phone) {
        if (phone == null || phone.length() < 7) {
            return "***";
        }
        return phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
    }
}
