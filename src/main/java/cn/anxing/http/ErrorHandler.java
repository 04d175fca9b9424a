package cn.anxing.http;

import cn.anxing.error.CommonError;
import cn.anxing.error.DomainException;
import cn.anxing.error.RetryLaterException;
import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place failures become responses. A {@link DomainException} is answered with its code's
 * status; anything unknown is a bug: a 500 whose body carries only the request id, logged with
 * that id.
 */
public final class ErrorHandler implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandler.class);

    public ErrorHandler() {
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (ctx.response().ended()) {
            return;
        }
        DomainException error = toDomainException(ctx.failure(), ctx.statusCode());
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
                .put("code", error.code().name())
                .put("message", error.getMessage())
                .put("requestId", requestId);
        if (error.field() != null) {
            body.put("field", error.field());
        }
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        if (error instanceof RetryLaterException later) {
            ctx.response().putHeader("Retry-After", String.valueOf(later.retryAfterSeconds()));
        }
        ctx.response()
                .setStatusCode(error.status())
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(withoutMarkup(body.encode()));
    }

    /**
     * The JSON with {@code < > &} written as {@code \u003c \u003e \u0026}: the same JSON
     * to any parser, but a message that echoes the client's input (an unknown code, a key)
     * can never be read as HTML by a page or a browser that sniffs. These characters stand only
     * inside JSON strings, so the replacement cannot break the document.
     */
    static String withoutMarkup(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }

    DomainException toDomainException(Throwable failure, int status) {
        if (failure instanceof DomainException domain) {
            return domain;
        }
        if (failure != null && cn.anxing.db.DatabaseFailures.isUnavailable(failure)) {
            return new DomainException(CommonError.DATABASE_UNAVAILABLE,
                    "数据库暂时无法连接，请稍后重试 / the database is not reachable just now;"
                            + " try again shortly");
        }
        if (failure instanceof DecodeException) {
            return new DomainException(CommonError.MALFORMED_JSON,
                    "请求内容不是有效的JSON / the request body is not valid JSON");
        }
        if (failure instanceof HttpException http) {
            status = http.getStatusCode();
        }
        return switch (status) {
            case 400 -> new DomainException(CommonError.BAD_REQUEST,
                    "请求无效 / the request is not valid");
            case 401 -> new DomainException(CommonError.UNAUTHENTICATED, "请先登录 / sign in first:"
                    + " the token is missing, expired or not valid");
            case 403 -> new DomainException(CommonError.FORBIDDEN,
                    "您的账号无权进行此操作 / your account's role may not do this");
            case 404 -> new DomainException(CommonError.NOT_FOUND,
                    "未找到 / not found: The resource");
            case 405 -> new DomainException(CommonError.METHOD_NOT_ALLOWED,
                    "不支持此请求方法 / this method is not allowed here");
            case 413 -> new DomainException(CommonError.PAYLOAD_TOO_LARGE,
                    "请求内容过大 / the request body is larger than this endpoint accepts");
            case 415 -> new DomainException(CommonError.UNSUPPORTED_MEDIA_TYPE,
                    "不支持此内容类型 / this content type is not accepted here");
            default -> new DomainException(CommonError.INTERNAL_ERROR,
                    "服务器出错，请提供请求编号 / something went wrong on our side; quote the"
                    + " request id");
        };
    }
}
