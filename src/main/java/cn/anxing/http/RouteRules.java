package cn.anxing.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every API route says who may call it. The rule is kept as route metadata under
 * {@link #KEY} (the auth package's {@code Access}; this package knows no roles and only asks
 * that one is there), on the route itself or on a path prefix ({@code /api/v1/police/*})
 * declared before it. The server refuses to start when an API endpoint has none, so a new
 * route cannot ship without a rule; the authorization-matrix test then checks each rule.
 */
public final class RouteRules {

    /** Route metadata key of the declared rule. */
    public static final String KEY = "anxing.access";

    /** One endpoint: method, path, and its rule as text ({@code insurer|fund}). */
    public record Declared(String method, String path, String rule) {
    }

    private RouteRules() {
    }

    /**
     * The endpoints of {@code router} under {@code /api/} with their rules, in mounting order.
     *
     * @throws IllegalStateException naming every endpoint that declares no rule
     */
    public static List<Declared> declared(Router router) {
        List<Route> routes = router.getRoutes();
        // one entry per method and path: a route that only prepares the request (the photo
        // upload's larger BodyHandler) shares its endpoint's rule
        Map<String, String> rules = new LinkedHashMap<>();
        for (int i = 0; i < routes.size(); i++) {
            Route route = routes.get(i);
            String path = route.getPath();
            if (path == null || !path.startsWith("/api/") || !route.isExactPath()) {
                continue;
            }
            Object rule = route.metadata().get(KEY);
            for (int j = i - 1; rule == null && j >= 0; j--) {
                Route before = routes.get(j);
                if (before.getPath() != null && !before.isExactPath()
                        && path.startsWith(before.getPath())
                        && before.metadata().get(KEY) != null) {
                    rule = before.metadata().get(KEY);
                }
            }
            List<String> methods = route.methods() == null || route.methods().isEmpty()
                    ? List.of("ANY") : route.methods().stream().map(HttpMethod::name).toList();
            for (String method : methods) {
                String key = method + " " + path;
                if (rules.get(key) == null) {
                    rules.put(key, rule == null ? null : rule.toString());
                }
            }
        }
        List<Declared> declared = new ArrayList<>();
        Set<String> missing = new TreeSet<>();
        rules.forEach((key, rule) -> {
            if (rule == null) {
                missing.add(key);
            } else {
                int space = key.indexOf(' ');
                declared.add(new Declared(key.substring(0, space), key.substring(space + 1),
                        rule));
            }
        });
        if (!missing.isEmpty()) {
            throw new IllegalStateException("These API routes declare no access rule (use"
                    + " Authz.guard): " + missing);
        }
        return declared;
    }
}
