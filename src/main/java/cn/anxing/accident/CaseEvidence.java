package cn.anxing.accident;

import cn.anxing.accident.cases.AccidentError;
import cn.anxing.accident.cases.CaseAction;
import cn.anxing.accident.cases.CaseEvent;
import cn.anxing.accident.cases.CaseState;
import cn.anxing.accident.cases.CaseStateMachine;
import cn.anxing.accident.eligibility.ChecklistAnswers;
import cn.anxing.accident.eligibility.EligibilityCheck;
import cn.anxing.accident.eligibility.EligibilityResult;
import cn.anxing.accident.eligibility.RoadClass;
import cn.anxing.accident.eligibility.RoadLocation;
import cn.anxing.accident.photo.InspectedPhoto;
import cn.anxing.accident.photo.PhotoCheck;
import cn.anxing.accident.photo.PerceptualHash;
import cn.anxing.accident.photo.PhotoInspector;
import cn.anxing.accident.police.SendBack;
import cn.anxing.accident.cases.FlagKind;
import cn.anxing.accident.photo.RequiredPhotos;
import cn.anxing.error.DomainException;
import cn.anxing.platform.WorkerPools;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The eligibility checklist and the photos (资格与取证): may the parties settle themselves, and
 * the required photos with what their EXIF says about when and where they were taken.
 */
public final class CaseEvidence {

    /** A photo upload's outcome; {@code photo} is set when the upload was a replay. */
    public record Upload(boolean replayed, CasePhoto photo, CaseForParty updated) {
    }

    /** A photo to send back. */
    public record PhotoFile(String contentType, byte[] bytes) {
    }

    private final CaseChanges cases;
    private final CaseReading reading;
    private final EligibilityCheck eligibility;
    private final PhotoInspector inspector;
    private final PhotoCheck photoCheck;
    private final PhotoStore photos;
    private final WorkerPools workers;
    private final PoliceDeskRepository desk;
    private final Supplements supplements;
    private final int maxHashDistance;

    /** An inspected upload with its perceptual hash (null when it cannot be decoded here). */
    private record Inspected(InspectedPhoto photo, Long dHash) {
    }

    /**
     * @param maxHashDistance a photo whose dHash is at most this many bits from one of another
     *                        case counts as reused
     */
    CaseEvidence(CaseChanges cases, CaseReading reading, EligibilityCheck eligibility,
            PhotoInspector inspector, PhotoCheck photoCheck, PhotoStore photos,
            WorkerPools workers, PoliceDeskRepository desk, Supplements supplements,
            int maxHashDistance) {
        this.desk = desk;
        this.supplements = supplements;
        this.maxHashDistance = maxHashDistance;
        this.cases = cases;
        this.reading = reading;
        this.eligibility = eligibility;
        this.inspector = inspector;
        this.photoCheck = photoCheck;
        this.photos = photos;
        this.workers = workers;
    }

    /** The checklist decides: on to the photos, or to the police (and medical advance if hurt). */
    public Future<CaseForParty> answerChecklist(UUID actor, UUID caseId, Integer expectedVersion,
            ChecklistAnswers answers) {
        return cases.byParty(actor, caseId, expectedVersion, (tx, c, me, update) -> {
            RoadLocation road = new RoadLocation(RoadClass.ofOsm(c.road().roadClass()),
                    c.road().expressway());
            ChecklistAnswers counted = withVehicles(answers, c.plates().size());
            EligibilityResult result = eligibility.check(counted, road);
            update.fire(result.selfServiceAllowed() ? CaseEvent.CHECKLIST_PASSED
                    : CaseEvent.CHECKLIST_FAILED);
            return cases.repository().setChecklist(tx, caseId, counted, result);
        }).compose(x -> reading.view(actor, caseId));
    }

    /**
     * Stores a photo in its slot. Retry-safe: the same Idempotency-Key returns the photo stored
     * the first time and changes nothing; the bytes are stored by hash, so nothing is stored
     * twice.
     */
    public Future<Upload> uploadPhoto(UUID actor, UUID caseId, String slotName,
            String idempotencyKey, String contentType, byte[] bytes) {
        if (idempotencyKey == null || !idempotencyKey.matches("[A-Za-z0-9._:-]{8,128}")) {
            throw new DomainException(AccidentError.IDEMPOTENCY_KEY_REQUIRED, "an Idempotency-Key"
                    + " header of 8 to 128 letters, digits or . _ : - is required",
                    "Idempotency-Key");
        }
        AccidentRepository repository = cases.repository();
        return repository.photoByKey(repository.pool(), caseId, idempotencyKey).compose(done -> {
            if (done.isPresent()) {
                return reading.view(actor, caseId).map(v -> new Upload(true, done.get(), v));
            }
            return workers.documents(() -> {
                        InspectedPhoto photo = inspector.inspect(bytes, contentType);
                        var hash = PerceptualHash.dHash(bytes);
                        return new Inspected(photo, hash.isPresent() ? hash.getAsLong() : null);
                    })
                    .compose(inspected -> cases.byParty(actor, caseId, null, (tx, c, me, update) ->
                            storePhoto(tx, actor, c, update, slotName, idempotencyKey, inspected,
                                    bytes)))
                    .compose(x -> reading.view(actor, caseId))
                    .map(v -> new Upload(false, null, v));
        });
    }

    private Future<Void> storePhoto(SqlConnection tx, UUID actor, AccidentCase c,
            CaseUpdate update, String slotName, String key, Inspected upload, byte[] bytes) {
        InspectedPhoto inspected = upload.photo();
        CaseState state = c.state();
        if (!CaseAction.UPLOAD_PHOTO.openIn(state)) {
            throw new DomainException(CaseStateMachine.ILLEGAL_TRANSITION, "照片只能在取证阶段上传"
                    + " / photos are taken in the evidence step; the case is " + state, "slot");
        }
        RequiredPhotos.Slot slot = PhotoSlots.parse(slotName, c.plates());
        List<CaseFlag> checked = photoCheck.check(inspected, c.reportedAt(), c.position())
                .stream().map(CaseFlag::of).toList();
        String me = c.partyOf(actor).map(CaseParty::label).orElse(null);
        return supplements.answer(tx, c, update, SendBack.Kind.PHOTO,
                        PhotoSlots.name(slot, c.plates()), me)
                .compose(x -> desk.similarPhotos(tx, c.id(), inspected.sha256(), upload.dHash(),
                        maxHashDistance))
                .compose(similar -> {
                    List<CaseFlag> flags = new ArrayList<>(checked);
                    similar.stream().findFirst().ifPresent(s -> flags.add(reused(s)));
                    return savePhoto(tx, actor, c, update, slot, key, upload, bytes, flags);
                });
    }

    /** The reuse flag: the same file, or one that looks the same, in another case. */
    private CaseFlag reused(PoliceDeskRepository.SimilarPhoto s) {
        return s.exact()
                ? new CaseFlag(FlagKind.PHOTO_REUSED, 0, maxHashDistance, "照片与事故 "
                        + s.caseNo() + " 中的照片完全相同", "The photo is the same file as one in"
                        + " case " + s.caseNo(), null)
                : new CaseFlag(FlagKind.PHOTO_REUSED, s.distance(), maxHashDistance, "照片与事故 "
                        + s.caseNo() + " 中的照片几乎相同（相差" + s.distance() + "位）", "The photo"
                        + " looks like one in case " + s.caseNo() + " (" + s.distance()
                        + " of 64 bits differ)", null);
    }

    private Future<Void> savePhoto(SqlConnection tx, UUID actor, AccidentCase c,
            CaseUpdate update, RequiredPhotos.Slot slot, String key, Inspected upload,
            byte[] bytes, List<CaseFlag> flags) {
        InspectedPhoto inspected = upload.photo();
        CaseState state = c.state();
        var photo = new CasePhoto(null, slot, key, inspected.sha256(), inspected.type(),
                inspected.sizeBytes(), inspected.takenAt(), inspected.position(), flags, actor,
                null);
        Set<RequiredPhotos.Slot> uploaded = new HashSet<>();
        c.photos().forEach(p -> uploaded.add(p.slot()));
        uploaded.add(slot);
        if (state == CaseState.EVIDENCE && RequiredPhotos.missing(uploaded, c.plates()).isEmpty()) {
            update.fire(CaseEvent.EVIDENCE_SUBMITTED);
            if (AccidentCase.allPartiesReady(c.parties(), c.plates().size())) {
                update.fire(CaseEvent.ALL_PARTIES_JOINED);
            }
        }
        // the file and its row in the upload's transaction: both stored, or neither
        AccidentRepository repository = cases.repository();
        Future<Void> stored = photos.store(tx, inspected.sha256(), inspected.type().extension(),
                bytes).compose(x -> repository.upsertPhoto(tx, c.id(), photo))
                .compose(x -> desk.setDhash(tx, c.id(), PhotoSlots.key(slot), upload.dHash()));
        List<CaseFlag> caseFlags = flagsAfterRetake(c.flags(), PhotoSlots.key(slot));
        flags.forEach(f -> caseFlags.add(f.inSlot(PhotoSlots.key(slot))));
        if (caseFlags.equals(c.flags())) {
            return stored;
        }
        return stored.compose(x -> repository.setFlags(tx, c.id(), caseFlags));
    }

    /**
     * The case's flags once the photo of {@code slotKey} is replaced: what the replaced photo's
     * own metadata said (no time, time or position far from the report) goes with it, since it
     * is no longer the evidence; a reuse stays, as the trace of a copied photo swapped out.
     */
    static List<CaseFlag> flagsAfterRetake(List<CaseFlag> flags, String slotKey) {
        List<CaseFlag> kept = new ArrayList<>();
        for (CaseFlag f : flags) {
            boolean ofReplacedPhoto = slotKey.equals(f.slot()) && f.kind() != FlagKind.PHOTO_REUSED
                    && f.kind() != FlagKind.PLATE_FREQUENT;
            if (!ofReplacedPhoto) {
                kept.add(f);
            }
        }
        return kept;
    }

    /** A photo of a case, for one of its parties or ({@code police}) for any officer. */
    public Future<PhotoFile> photo(UUID actor, boolean police, UUID caseId, UUID photoId) {
        Future<AccidentCase> allowed = police ? cases.any(caseId) : cases.ofParty(actor, caseId);
        return allowed.compose(c -> cases.repository().photo(caseId, photoId)).compose(found -> {
            CasePhoto p = found.orElseThrow(CaseChanges::notFound);
            return photos.read(p.sha256(), p.type().extension())
                    .map(bytes -> new PhotoFile(p.type().contentType(), bytes));
        });
    }

    private static ChecklistAnswers withVehicles(ChecklistAnswers a, int vehicles) {
        return new ChecklistAnswers(a.anyoneInjuredOrKilled(), a.allVehiclesDrivable(),
                a.allVehiclesCompulsoryInsured(), a.allVehiclesInspected(),
                a.drinkOrDrugsSuspected(), a.allLicencesValid(), a.facilityOrBuildingHit(),
                a.hazardousGoodsVehicle(), a.plateMissingOrFalse(),
                a.schoolBusOrOverloadOrSpeeding(), a.partyLeftScene(),
                a.deliberateCollisionSuspected(), vehicles);
    }
}
