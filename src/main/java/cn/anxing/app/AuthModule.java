package cn.anxing.app;

import cn.anxing.auth.AccountRepository;
import cn.anxing.auth.AccountRoutes;
import cn.anxing.auth.AdminRoutes;
import cn.anxing.auth.OrganisationRepository;
import cn.anxing.auth.StaffAccounts;
import cn.anxing.auth.AccountService;
import cn.anxing.auth.LogSmsGateway;
import cn.anxing.auth.SmsGateway;
import cn.anxing.auth.Tokens;
import cn.anxing.config.AppConfig;
import cn.anxing.config.ConfigException;
import cn.anxing.demo.DemoAccounts;
import cn.anxing.demo.DemoData;
import cn.anxing.demo.DemoOrganisations;
import cn.anxing.http.FeatureRoutes;
import cn.anxing.platform.FeatureModule;
import cn.anxing.platform.Platform;
import io.vertx.ext.auth.jwt.JWTAuth;
import java.util.List;

/**
 * Sign-in and accounts. It sits here rather than in {@code cn.anxing.auth} because the platform
 * is built on auth (its {@link cn.anxing.auth.Authz} and the stored secrets), so auth may not
 * depend on the platform in turn.
 */
final class AuthModule implements FeatureModule {

    private final AccountRoutes routes;
    private final AdminRoutes admin;
    private final DemoOrganisations demoOrganisations;
    private final DemoAccounts demo;

    /** {@code jwt} signs the tokens the platform's Authz checks; {@code accounts} keeps them. */
    AuthModule(Platform platform, JWTAuth jwt, AccountRepository accounts) {
        AppConfig config = platform.config();
        var service = new AccountService(platform.workers().cryptoExecutor(), accounts,
                new Tokens(jwt, config.auth().tokenTtl()), smsGateway(config.auth()),
                config.auth(), platform.clock());
        this.routes = new AccountRoutes(service, platform.authz());
        var staff = new StaffAccounts(platform.workers().cryptoExecutor(), accounts,
                new OrganisationRepository(platform.pool()));
        this.admin = new AdminRoutes(staff, platform.authz());
        this.demoOrganisations = new DemoOrganisations(platform.pool());
        this.demo = new DemoAccounts(platform.vertx(), accounts);
    }

    @Override
    public List<FeatureRoutes> routes() {
        return List.of(routes, admin);
    }

    @Override
    public List<DemoData> demo() {
        return List.of(demoOrganisations, demo);
    }

    private static SmsGateway smsGateway(AppConfig.AuthConfig config) {
        return switch (config.smsGateway()) {
            case "log" -> new LogSmsGateway();
            default -> throw new ConfigException("SMS_GATEWAY '" + config.smsGateway()
                    + "' is not known; the one built in is 'log'");
        };
    }
}
