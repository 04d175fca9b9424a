/**
 * Accident self-service (事故快处): the feature as the drivers, the police and the insurers use
 * it.
 *
 * <h2>What it owns</h2>
 * <ul>
 *   <li>The case as records: {@link cn.anxing.accident.AccidentCase} with its
 *       {@link cn.anxing.accident.CaseParty parties} (their statements and signatures),
 *       {@link cn.anxing.accident.CasePhoto photos}, {@link cn.anxing.accident.CaseFlag flags},
 *       the engine's {@link cn.anxing.accident.CaseDecision} and the officer's
 *       {@link cn.anxing.accident.PoliceDecision}; {@link cn.anxing.accident.AgreementRecord}
 *       for the sealed agreement.</li>
 *   <li>Storage: {@link cn.anxing.accident.AccidentRepository} (tables {@code accident_case},
 *       {@code accident_party}, {@code accident_photo}, {@code accident_transition},
 *       {@code accident_agreement}; the JSONB columns are parsed by {@code CaseJson} and read by
 *       key nowhere else), {@link cn.anxing.accident.DuplicateOffers}
 *       ({@code accident_duplicate_offer}), {@link cn.anxing.accident.InsurerRepository}
 *       ({@code insurer}), {@link cn.anxing.accident.PhotoStore} (photo files by hash, in PostgreSQL).</li>
 *   <li>The use cases, one class per step: {@link cn.anxing.accident.ReportCases} (report,
 *       repeated reports, join), {@link cn.anxing.accident.CaseEvidence} (checklist, photos),
 *       {@link cn.anxing.accident.CaseParties} (details, statements, asking for the police),
 *       {@link cn.anxing.accident.CaseAgreements} (signing, the agreement, its check),
 *       {@link cn.anxing.accident.PoliceDesk} (the police desk, one class each: the
 *       {@code PoliceQueue}, {@code PoliceClaims} as leases with the case in full and the audit
 *       of every officer action in {@code audit_log}, {@code PoliceDecisions} with legal basis,
 *       the determination document and its check, {@code PoliceSendBack} with
 *       {@code Supplements} ticking off what the parties answered, {@code ReviewRequests});
 *       every change goes through {@code CaseChanges} (load, check the version, apply,
 *       record the transition, one transaction).</li>
 *   <li>The desk's storage: {@code PoliceDeskRepository} ({@code police_claim},
 *       {@code accident_determination}, the send-back and review columns, photo dHashes; V80)
 *       and {@link cn.anxing.audit.AuditLog} (V70).</li>
 *   <li>The edge: {@code *Routes} and {@code *Views}, the only classes that read or write the
 *       JSON the pages see; {@link cn.anxing.accident.AccidentModule} builds it all from the
 *       {@link cn.anxing.platform.Platform}.</li>
 * </ul>
 * The rules live in the subpackages, plain Java: {@code cases} (states, transitions, allowed
 * actions, plates, {@link cn.anxing.accident.cases.AccidentError the error codes}),
 * {@code eligibility}, {@code liability}, {@code agreement} (also the determination's PDF),
 * {@code photo} (also the perceptual hash), {@code police} (send-back requests, the legal basis
 * list, the determination, plate frequency), {@code privacy}.
 *
 * <h2>Flags hold settlement</h2>
 * A case with any flag (photo time or place far from the report, a photo reused from another
 * case, a plate in many cases) cannot seal its agreement: when the engine settles, the case goes
 * to the police instead (LIABILITY_DISPUTED), and signing is refused (SETTLEMENT_HELD).
 *
 * <h2>What it may not touch</h2>
 * Other features' tables and classes: payment reads a case through the interface this feature
 * offers it, never these tables. The subpackages never import this package (no cycle); this
 * package imports them. Only {@code *Routes} and {@code *Views} use Vert.x Web or JSON; the use
 * cases throw {@link cn.anxing.error.DomainException}, never HTTP types. Blocking work (photo
 * inspection, photo files, PDFs) runs on the platform's {@code documents} worker pool.
 */
package cn.anxing.accident;
