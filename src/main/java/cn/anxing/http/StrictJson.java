package cn.anxing.http;

import cn.anxing.error.CommonError;
import cn.anxing.error.DomainException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every API body is JSON as RFC 8259 has it, checked before any route sees it, so a refused
 * body stores nothing: sent as {@code application/json} (415 otherwise), UTF-8 (400 for invalid
 * bytes), one value, no comments (Vert.x's own codec accepts C comments), and no key twice in
 * an object (400 naming the key: two readers of one body must never disagree on its meaning).
 * Raw uploads (photos, as image/*) are the configured exceptions.
 */
public final class StrictJson {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .disable(JsonReadFeature.ALLOW_YAML_COMMENTS)
            .disable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'");

    /** A route whose body is not JSON: its method and a pattern of its path. */
    public record RawBody(HttpMethod method, Pattern path) {
    }

    private final List<RawBody> rawBodies;

    public StrictJson(List<RawBody> rawBodies) {
        this.rawBodies = List.copyOf(rawBodies);
    }

    public void handle(RoutingContext ctx) {
        Buffer body = ctx.body() == null ? null : ctx.body().buffer();
        if (body == null || body.length() == 0 || isRaw(ctx)) {
            ctx.next();
            return;
        }
        checkMediaType(ctx.request().getHeader("Content-Type"));
        byte[] bytes = body.getBytes();
        checkUtf8(bytes);
        checkSyntax(bytes);
        ctx.next();
    }

    private boolean isRaw(RoutingContext ctx) {
        return rawBodies.stream().anyMatch(raw -> raw.method() == ctx.request().method()
                && raw.path().matcher(ctx.request().path()).matches());
    }

    static void checkMediaType(String contentType) {
        String[] parts = contentType == null ? new String[] {""} : contentType.split(";");
        boolean json = parts[0].strip().equalsIgnoreCase("application/json");
        for (int i = 1; json && i < parts.length; i++) {
            String[] param = parts[i].split("=", 2);
            if (param[0].strip().equalsIgnoreCase("charset") && (param.length < 2
                    || !param[1].strip().replace("\"", "").toLowerCase(Locale.ROOT)
                    .equals("utf-8"))) {
                json = false;
            }
        }
        if (!json) {
            throw new DomainException(CommonError.UNSUPPORTED_MEDIA_TYPE, "请求内容须为JSON (application/json,"
                    + " UTF-8) / the body must be sent as application/json in UTF-8, not "
                    + (contentType == null ? "without a Content-Type" : contentType),
                    "Content-Type");
        }
    }

    static void checkUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw new DomainException(CommonError.INVALID_UTF8, "请求内容不是有效的UTF-8编码 / the body is"
                    + " not valid UTF-8", "body");
        }
    }

    static void checkSyntax(byte[] bytes) {
        try (JsonParser parser = FACTORY.createParser(bytes)) {
            try {
                JsonToken token = parser.nextToken();
                if (token == null) {
                    throw malformed("the body is empty", null);
                }
                checkValues(parser, token);
                if (parser.nextToken() != null) {
                    throw malformed("only one JSON value is allowed", parser);
                }
            } catch (JsonParseException e) {
                Matcher duplicate = DUPLICATE.matcher(e.getOriginalMessage());
                if (duplicate.find()) {
                    String field = path(parser.getParsingContext(), duplicate.group(1));
                    throw new DomainException(CommonError.DUPLICATE_KEY, "同一字段出现了两次 / the key "
                            + field + " appears twice in one object", field);
                }
                throw malformed(e.getOriginalMessage(), parser);
            }
        } catch (JsonProcessingException e) {
            throw malformed(e.getOriginalMessage(), null);
        } catch (IOException e) {
            throw malformed(e.getMessage(), null);
        }
    }

    /**
     * Walks the one value the parser stands on, keys included: every text by {@link TextRules}
     * (PostgreSQL refuses NUL, an unpaired surrogate cannot be stored as UTF-8, bidi controls
     * make a name read otherwise than stored) and every number finite ({@code 1e309} parses to
     * Infinity, which no field means). The first fault is a 400 naming its path.
     */
    private static void checkValues(JsonParser parser, JsonToken first) throws IOException {
        int depth = 0;
        JsonToken token = first;
        do {
            switch (token) {
                case START_OBJECT, START_ARRAY -> depth++;
                case END_OBJECT, END_ARRAY -> depth--;
                case FIELD_NAME -> checkText(parser.currentName(), parser);
                case VALUE_STRING -> checkText(parser.getText(), parser);
                case VALUE_NUMBER_FLOAT -> {
                    if (!Double.isFinite(parser.getDoubleValue())) {
                        String field = here(parser.getParsingContext());
                        throw new DomainException(CommonError.VALIDATION_FAILED, "数值超出范围 / "
                                + field + " must be a finite number", field);
                    }
                }
                default -> {
                }
            }
            if (depth == 0) {
                return;
            }
            token = parser.nextToken();
        } while (token != null);
    }

    private static void checkText(String text, JsonParser parser) {
        TextRules.problem(text).ifPresent(problem -> {
            String field = here(parser.getParsingContext());
            String at = field.isEmpty() ? "body" : field;
            throw new DomainException(CommonError.VALIDATION_FAILED, at + ": " + problem, at);
        });
    }

    /** {@code items[0].amountFen}: the path of the key or value the parser stands on. */
    static String here(JsonStreamContext context) {
        return joined(parts(context));
    }

    /** {@code items[0].amountFen} for the key at the parser's position. */
    static String path(JsonStreamContext context, String key) {
        Deque<String> parts = parts(context);
        if (parts.isEmpty() || !parts.peekLast().equals("." + key)) {
            parts.addLast("." + key);
        }
        return joined(parts);
    }

    private static Deque<String> parts(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.getCurrentName() != null) {
                parts.push("." + c.getCurrentName());
            }
        }
        return parts;
    }

    private static String joined(Deque<String> parts) {
        String joined = String.join("", parts);
        return joined.startsWith(".") ? joined.substring(1) : joined;
    }

    private static DomainException malformed(String detail, JsonParser parser) {
        String where = parser == null ? "" : " (line " + parser.currentLocation().getLineNr()
                + ", column " + parser.currentLocation().getColumnNr() + ")";
        String reason = detail == null ? "" : ": " + detail.split("\n")[0];
        if (reason.length() > 160) {
            reason = reason.substring(0, 160) + "…";
        }
        return new DomainException(CommonError.MALFORMED_JSON, "请求内容不是有效的JSON / the request body is"
                + " not valid JSON" + reason + where, null);
    }
}
