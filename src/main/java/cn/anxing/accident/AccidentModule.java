package cn.anxing.accident;

import cn.anxing.accident.agreement.AgreementSeal;
import cn.anxing.accident.eligibility.EligibilityCheck;
import cn.anxing.accident.eligibility.EligibilityPolicy;
import cn.anxing.accident.liability.ScenarioCatalogue;
import cn.anxing.accident.photo.PhotoCheck;
import cn.anxing.accident.photo.PhotoInspector;
import cn.anxing.accident.police.LegalBasisList;
import cn.anxing.accident.police.PlateFrequency;
import cn.anxing.accident.privacy.FieldCipher;
import cn.anxing.config.AppConfig;
import cn.anxing.demo.DemoData;
import cn.anxing.http.FeatureRoutes;
import cn.anxing.map.tiles.BaseMap;
import cn.anxing.platform.FeatureModule;
import cn.anxing.platform.Platform;
import io.micrometer.core.instrument.FunctionCounter;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The accident feature (事故快处), built from the platform: its repositories, use cases and
 * routes, the repeated-reports-avoided metric and the demo insurers. {@link #start} reads the
 * field and seal keys (generated and stored on the first start of a demo) and must complete
 * before {@link #routes} is called.
 */
public final class AccidentModule implements FeatureModule {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    /** A photo's EXIF time this far from the report flags the case. */
    private static final Duration PHOTO_TIME_GAP = Duration.ofMinutes(60);

    private final Platform platform;
    private final AccidentRepository repository;
    private final DuplicateOffers offers;
    private final InsurerRepository insurers;
    private final ScenarioCatalogue catalogue = ScenarioCatalogue.bundled();
    private List<FeatureRoutes> routes;
    private ReportCases reports;
    private final BaseMap baseMap;

    public AccidentModule(Platform platform, BaseMap baseMap) {
        this.platform = platform;
        this.baseMap = baseMap;
        this.repository = new AccidentRepository(platform.pool());
        this.offers = new DuplicateOffers(platform.pool());
        this.insurers = new InsurerRepository(platform.pool(), platform.outbox());
    }

    @Override
    public Future<Void> start() {
        AppConfig.AccidentConfig settings = platform.config().accident();
        Future<String> fieldKey = settings.fieldKey().map(Future::succeededFuture)
                .orElseGet(() -> platform.secrets().secret("accident-field-key"));
        Future<String> sealKey = settings.sealKey().map(Future::succeededFuture)
                .orElseGet(() -> platform.secrets().secret("accident-seal-key"));
        return Future.all(fieldKey, sealKey).compose(x -> {
            build(FieldCipher.fromBase64Key(fieldKey.result()),
                    new AgreementSeal(Base64.getDecoder().decode(sealKey.result())));
            FunctionCounter.builder("anxing.accident.duplicates.avoided", reports,
                            ReportCases::duplicatesAvoided)
                    .description("Repeated accident reports that joined the open case instead")
                    .register(platform.metrics());
            return reports.start();
        });
    }

    private void build(FieldCipher cipher, AgreementSeal seal) {
        AppConfig config = platform.config();
        AppConfig.AccidentConfig settings = config.accident();
        var eligibility = settings.eligibility();
        var policy = new EligibilityPolicy(eligibility.minVehicles(), eligibility.maxVehicles(),
                eligibility.expresswaysExcluded(), eligibility.hazardousGoodsExcluded());
        var police = settings.police();
        var changes = new CaseChanges(repository, platform.clock());
        var desk = new PoliceDeskRepository(platform.pool());
        var supplements = new Supplements(desk);
        Duration reviewWindow = Duration.ofDays(police.reviewDays());
        var reading = new CaseReading(changes, desk, reviewWindow);
        reports = new ReportCases(changes, reading, offers, platform.routing(),
                new DuplicateReportRule(settings.duplicateRadiusMetres(),
                        settings.duplicateWindow()), settings.duplicateWindow(), desk,
                new PlateFrequency(police.plateFrequencyCases(),
                        Duration.ofDays(police.plateFrequencyDays())),
                settings.reportWindow(), new ReportCases.PlaceNames(baseMap::namesNow,
                        platform.workers().routingExecutor()));
        var useCases = new AccidentUseCases(reports, reading,
                new CaseEvidence(changes, reading, new EligibilityCheck(policy),
                        new PhotoInspector((int) settings.photoMaxBytes(), CHINA),
                        new PhotoCheck(PHOTO_TIME_GAP, settings.photoFlagMetres()),
                        new DatabasePhotoStore(platform.vertx(), platform.pool(),
                                config.photoDir()), platform.workers(), desk,
                        supplements, police.photoHashDistance()),
                new CaseParties(changes, reading, insurers, catalogue, cipher, supplements),
                new CaseAgreements(changes, reading, platform.outbox(), platform.wakeOutbox(),
                        catalogue, cipher, seal, settings.pdfFontPath(), platform.workers()),
                policeDesk(changes, desk, cipher, seal, reviewWindow));
        var views = new AccidentViews(cipher);
        List<FeatureRoutes> list = new ArrayList<>();
        list.add(new AccidentRoutes(useCases, views, catalogue, platform.authz(),
                settings.photoMaxBytes(), verifyBaseUrl(config),
                new JoinPreviewLimit(settings.joinPreview(), platform.clock())));
        list.add(new PoliceReviewRoutes(useCases, views, platform.authz(),
                verifyBaseUrl(config)));
        list.add(new InsurerRoutes(insurers, platform.authz()));
        if (config.demo()) {
            list.add(new InsurerInboxRoutes(platform.pool(), platform.outbox(),
                    platform.authz()));
        }
        routes = List.copyOf(list);
    }

    private PoliceDesk policeDesk(CaseChanges changes, PoliceDeskRepository desk,
            FieldCipher cipher, AgreementSeal seal, Duration reviewWindow) {
        AppConfig.AccidentConfig settings = platform.config().accident();
        var claims = new PoliceClaims(changes, desk, settings.police().claimLease());
        return new PoliceDesk(new PoliceQueue(changes, offers, desk), claims,
                new PoliceDecisions(changes, claims, desk, insurers, LegalBasisList.bundled(),
                        cipher, seal, platform.outbox(), platform.wakeOutbox(),
                        settings.pdfFontPath(), platform.workers()),
                new PoliceSendBack(changes, claims, desk),
                new ReviewRequests(changes, desk, reviewWindow));
    }

    /** ACCIDENT_VERIFY_URL, else PUBLIC_BASE_URL's check page; else each request's own. */
    static Optional<String> verifyBaseUrl(AppConfig config) {
        return config.accident().verifyUrl()
                .or(() -> config.http().publicBaseUrl().map(base -> base + "/#/verify"));
    }

    @Override
    public List<FeatureRoutes> routes() {
        if (routes == null) {
            throw new IllegalStateException("the accident module is not started yet");
        }
        return routes;
    }

    /** Repeated reports that joined an existing case instead of opening another. */
    public long duplicatesAvoided() {
        return reports == null ? 0 : reports.duplicatesAvoided();
    }

    @Override
    public List<DemoData> demo() {
        // the relay delivers to this same server, so it reaches it on the loopback
        return List.of(new AccidentDemoData(insurers,
                "http://127.0.0.1:" + platform.config().http().port()));
    }
}
