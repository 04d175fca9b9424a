package cn.anxing.http;

import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place failures become responses. Known errors get their 4xx with a stable code; anything
 * else is a bug: a 500 whose body carries only the request id, logged with that id.
 */
public final class ErrorHandler implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandler.class);

    /** Turns a feature's domain exception into an {@link ApiException}, or returns null. */
    private final Function<Throwable, ApiException> domainMapper;

    public ErrorHandler(Function<Throwable, ApiException> domainMapper) {
        this.domainMapper = domainMapper;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (ctx.response().ended()) {
            return;
        }
        ApiException error = toApiException(ctx.failure(), ctx.statusCode());
        String requestId = RequestIds.of(ctx);
        if (error.status() == 500) {
            LOG.error("request {} {} {} failed", requestId, ctx.request().method(),
                    ctx.request().path(), ctx.failure());
        } else if (error.status() > 500) {
            // the database or a store is away: not a bug, and one line is enough
            LOG.warn("request {} {} {}: {} ({})", requestId, ctx.request().method(),
                    ctx.request().path(), error.code(), ctx.failure() == null ? ""
                            : ctx.failure().toString());
        }
        var body = new JsonObject()
                .put("code", error.code())
                .put("message", error.getMessage())
                .put("requestId", requestId);
        if (error.field() != null) {
            body.put("field", error.field());
        }
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        ctx.response()
                .setStatusCode(error.status())
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(body.encode());
    }

    ApiException toApiException(Throwable failure, int status) {
        if (failure instanceof ApiException api) {
            return api;
        }
        if (failure instanceof cn.anxing.error.DomainException domain) {
            return new ApiException(domain.status(), domain.code().name(), domain.getMessage(),
                    domain.field());
        }
        if (failure != null && domainMapper != null) {
            ApiException mapped = domainMapper.apply(failure);
            if (mapped != null) {
                return mapped;
            }
        }
        if (failure != null && cn.anxing.db.DatabaseFailures.isUnavailable(failure)) {
            return new ApiException(503, "DATABASE_UNAVAILABLE",
                    "数据库暂时无法连接，请稍后重试 / the database is not reachable just now;"
                            + " try again shortly", null);
        }
        if (failure instanceof DecodeException) {
            return ApiException.badRequest("MALFORMED_JSON",
                    "请求内容不是有效的JSON / the request body is not valid JSON", null);
        }
        if (failure instanceof HttpException http) {
            status = http.getStatusCode();
        }
        return switch (status) {
            case 400 -> ApiException.badRequest("BAD_REQUEST", "请求无效 / the request is not valid", null);
            case 401 -> ApiException.unauthenticated("请先登录 / sign in first: the token is missing,"
                    + " expired or not valid");
            case 403 -> ApiException.forbidden("您的账号无权进行此操作 / your account's role may not do this");
            case 404 -> ApiException.notFound("The resource");
            case 405 -> new ApiException(405, "METHOD_NOT_ALLOWED",
                    "不支持此请求方法 / this method is not allowed here", null);
            case 413 -> new ApiException(413, "PAYLOAD_TOO_LARGE",
                    "请求内容过大 / the request body is larger than this endpoint accepts", null);
            case 415 -> new ApiException(415, "UNSUPPORTED_MEDIA_TYPE",
                    "不支持此内容类型 / this content type is not accepted here", null);
            default -> new ApiException(500, "INTERNAL_ERROR",
                    "服务器出错，请提供请求编号 / something went wrong on our side; quote the request id",
                    null);
        };
    }
}
