package cn.anxing.auth;

import java.util.UUID;

/**
 * An organisation staff act for (单位). Its {@code code} is the name other features key by: the
 * payer id ({@code PICC}), the outbox endpoints ({@code insurer:PICC}, {@code payer:PICC}), the
 * hospital id ({@code pinghu-1}), the fund ({@code fund-jx}).
 *
 * @param parentId the 大队 of a 中队; null otherwise
 */
public record Organisation(UUID id, OrganisationKind kind, String code, String nameZh,
        String nameEn, UUID parentId, boolean active) {
}
