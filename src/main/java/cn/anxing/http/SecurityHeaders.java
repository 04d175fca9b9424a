package cn.anxing.http;

import cn.anxing.error.CommonError;
import cn.anxing.error.DomainException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;

/**
 * Headers that keep our pages and answers from being turned against their users, on every
 * response: a Content-Security-Policy that allows scripts from our own origin only (no inline
 * script, so a missed escape in a page cannot run), no framing (the signing page must not be
 * overlaid by another site), no MIME sniffing, no full referrer to other sites, and HSTS when
 * the request came over TLS. CORS stays closed: no {@code Access-Control-Allow-Origin} is ever
 * sent, and a preflight from a foreign origin is refused with 403, so no other site's script can
 * call the API with a user's token.
 */
public final class SecurityHeaders {

    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self';"
            + " object-src 'none'; frame-ancestors 'none'; base-uri 'self';"
            + " img-src 'self' data: blob:; style-src 'self' 'unsafe-inline';"
            + " connect-src 'self'; worker-src 'self' blob:; form-action 'self'";
    static final String HSTS = "max-age=31536000; includeSubDomains";

    private final ClientAddress clients;

    /**
     * Headers for a file a user uploaded (an accident photo), served back: never sniffed into
     * something runnable, sandboxed should a browser render it as a document anyway (no script,
     * no same-origin access to the API and its token), and offered under a plain file name.
     */
    public static void userFile(HttpServerResponse response, String name, String contentType) {
        String extension = switch (contentType) {
            case "image/jpeg" -> "jpg";
            case "image/png" -> "png";
            case "image/heic" -> "heic";
            default -> "bin";
        };
        String safeName = name.replaceAll("[^A-Za-z0-9._-]", "_");
        response.putHeader("Content-Type", contentType)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Content-Security-Policy", "sandbox")
                .putHeader("Content-Disposition", "inline; filename=\"" + safeName + "."
                        + extension + "\"");
    }

    public SecurityHeaders(ClientAddress clients) {
        this.clients = clients;
    }

    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        response.putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "strict-origin-when-cross-origin");
        if (overTls(request)) {
            response.putHeader("Strict-Transport-Security", HSTS);
        }
        String origin = request.getHeader("Origin");
        if (origin != null && !sameOrigin(origin, request)) {
            if (request.method() == HttpMethod.OPTIONS) {
                ctx.fail(new DomainException(CommonError.CORS_REFUSED, "不接受其他网站的跨域请求 /"
                        + " requests from other sites' pages are not accepted", "Origin"));
                return;
            }
            // a simple cross-origin request still runs (a form post gets 415 from StrictJson);
            // without Access-Control-Allow-Origin the other site's script cannot read the answer
        }
        ctx.next();
    }

    private boolean overTls(HttpServerRequest request) {
        if (request.isSSL()) {
            return true;
        }
        return clients.fromTrustedProxy(request)
                && "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"));
    }

    /** The page's origin equals the host this request was sent to (the proxy's, if trusted). */
    private boolean sameOrigin(String origin, HttpServerRequest request) {
        if ("null".equals(origin)) {
            return false;
        }
        String host = request.getHeader("Host");
        if (clients.fromTrustedProxy(request) && request.getHeader("X-Forwarded-Host") != null) {
            host = request.getHeader("X-Forwarded-Host").split(",")[0].strip();
        }
        if (host == null) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            if (uri.getHost() == null || uri.getScheme() == null) {
                return false;
            }
            String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":"
                    + uri.getPort();
            String scheme = uri.getScheme().toLowerCase();
            String bare = host.toLowerCase().replaceFirst(scheme.equals("https") ? ":443$"
                    : ":80$", "");
            return authority.equalsIgnoreCase(bare);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
