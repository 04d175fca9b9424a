package cn.anxing.fuzz;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Generators of bad requests: a valid request (a {@link Template}) with exactly one thing made
 * wrong — a field of the wrong type, missing or extra, a string with NUL, a lone surrogate,
 * bidirectional controls, a flood of combining marks, 200,000 characters or nothing, a number
 * that is not finite or out of range, money that is negative, fractional or overflowing, a date
 * out of any sensible range, an injection string where a format is expected, or a body that is
 * truncated, not UTF-8, not JSON, with duplicate keys or comments, or sent as text/plain. Every
 * one of them must be refused with a 4xx JSON error and change nothing.
 */
final class BadRequests {

    /** What a field holds, which decides what is wrong for it. */
    enum Kind {
        /** Free text a person types: a name, a note, a label. */
        TEXT,
        /** Text with a format: a plate, a phone, a code, an id, an enum value. */
        FORMATTED,
        /** A coordinate or a count, with a range. */
        NUMBER,
        /** Integer fen. */
        MONEY,
        /** An ISO-8601 instant or date. */
        DATE,
        BOOLEAN,
        ARRAY,
        OBJECT
    }

    /** A field of a template: its path in the body (dots, array indexes as numbers). */
    record Field(String path, Kind kind, boolean required) {
        static Field required(String path, Kind kind) {
            return new Field(path, kind, true);
        }

        static Field optional(String path, Kind kind) {
            return new Field(path, kind, false);
        }
    }

    /**
     * A valid request as the family's tests send it. {@code body} is made anew for each try
     * (ids, keys), {@code headers} likewise.
     */
    record Template(String family, String method, String path, Supplier<JsonObject> body,
                    List<Field> fields, Supplier<Map<String, String>> headers) {
        Template(String family, String method, String path, Supplier<JsonObject> body,
                 List<Field> fields) {
            this(family, method, path, body, fields, Map::of);
        }
    }

    /**
     * The templates of one family of requests (its name is the family's line in the survey):
     * each a method, a path, a good body and the fields to get wrong.
     */
    record Family(String name) {
        Arbitrary<BadRequest> post(String path, Supplier<JsonObject> body, Field... fields) {
            return request("POST", path, body, fields);
        }

        Arbitrary<BadRequest> put(String path, Supplier<JsonObject> body, Field... fields) {
            return request("PUT", path, body, fields);
        }

        Arbitrary<BadRequest> request(String method, String path, Supplier<JsonObject> body,
                Field... fields) {
            return of(new Template(name, method, path, body, List.of(fields)));
        }
    }

    /** One generated request and what was made wrong in it. */
    record BadRequest(String family, String what, String method, String path, String contentType,
                      byte[] body, Map<String, String> headers) {
        @Override
        public String toString() {
            String text = new String(body, StandardCharsets.UTF_8);
            return method + " " + path + " [" + what + "] "
                    + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
        }
    }

    private static final String SURROGATE = "@@LONE_SURROGATE@@";
    private static final String BAD_UTF8 = "@@BAD_UTF8@@";
    private static final String NAN = "@@NAN@@";
    private static final String HUGE = "@@HUGE_NUMBER@@";

    private static final List<String> INJECTIONS = List.of(
            "' OR '1'='1", "1; DROP TABLE accident_case; --", "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>", "../../../../etc/passwd", "${jndi:ldap://x/a}",
            "%00", "{{7*7}}", "\"; rm -rf /", "\\u0000", "%s%s%s%n");

    private BadRequests() {
    }

    /** Bad versions of {@code template}, one thing wrong in each. */
    static Arbitrary<BadRequest> of(Template template) {
        List<Arbitrary<BadRequest>> choices = new ArrayList<>();
        choices.add(bodyLevel(template));
        for (Field field : template.fields()) {
            choices.add(fieldLevel(template, field));
        }
        return Arbitraries.oneOf(choices);
    }

    private static Arbitrary<BadRequest> bodyLevel(Template t) {
        return Arbitraries.of("truncated", "invalid UTF-8", "duplicate key", "comment",
                "text/plain", "empty body", "array body", "extra field", "NaN literal",
                "trailing garbage", "no content type").flatMap(what -> switch (what) {
                    case "truncated" -> Arbitraries.integers().between(1, 10_000).map(cut -> {
                        byte[] whole = encode(t.body().get());
                        byte[] part = java.util.Arrays.copyOf(whole,
                                Math.max(1, Math.min(whole.length - 1, cut % whole.length)));
                        return request(t, what, "application/json", part);
                    });
                    case "extra field" -> Arbitraries.strings().alpha().ofMinLength(1)
                            .ofMaxLength(12).map(name -> {
                                JsonObject body = t.body().get();
                                body.put("zz" + name, name);
                                return request(t, what, body);
                            });
                    default -> Arbitraries.just(what).map(w -> bodyMutation(t, w));
                });
    }

    private static BadRequest bodyMutation(Template t, String what) {
        JsonObject body = t.body().get();
        String text = body.encode();
        return switch (what) {
            case "invalid UTF-8" -> {
                String key = body.fieldNames().iterator().next();
                body.put(key, "a" + BAD_UTF8 + "b");
                yield request(t, what, "application/json", encode(body));
            }
            case "duplicate key" -> {
                String key = body.fieldNames().iterator().next();
                String first = JsonObject.of(key, body.getValue(key)).encode();
                String dup = "{" + first.substring(1, first.length() - 1) + ","
                        + text.substring(1);
                yield request(t, what, "application/json", dup.getBytes(StandardCharsets.UTF_8));
            }
            case "comment" -> request(t, what, "application/json",
                    ("{/* a comment */" + text.substring(1)).getBytes(StandardCharsets.UTF_8));
            case "text/plain" -> request(t, what, "text/plain; charset=utf-8",
                    text.getBytes(StandardCharsets.UTF_8));
            case "no content type" -> request(t, what, null,
                    text.getBytes(StandardCharsets.UTF_8));
            case "empty body" -> request(t, what, "application/json", new byte[0]);
            case "array body" -> request(t, what, "application/json",
                    ("[" + text + "]").getBytes(StandardCharsets.UTF_8));
            case "trailing garbage" -> request(t, what, "application/json",
                    (text + " {\"more\": 1}").getBytes(StandardCharsets.UTF_8));
            case "NaN literal" -> {
                Field number = t.fields().stream()
                        .filter(f -> f.kind() == Kind.NUMBER || f.kind() == Kind.MONEY)
                        .findFirst().orElse(null);
                if (number == null) {
                    yield request(t, what, "application/json",
                            "{\"x\": NaN}".getBytes(StandardCharsets.UTF_8));
                }
                set(body, number.path(), NAN);
                yield request(t, what, "application/json", encode(body));
            }
            default -> throw new IllegalArgumentException(what);
        };
    }

    private static Arbitrary<BadRequest> fieldLevel(Template t, Field field) {
        List<Arbitrary<BadRequest>> options = new ArrayList<>();
        options.add(wrongTypes(field).map(value -> {
            JsonObject body = t.body().get();
            set(body, field.path(), value);
            return request(t, field.path() + " of the wrong type " + describe(value), body);
        }));
        if (field.required()) {
            options.add(Arbitraries.just(field).map(f -> {
                JsonObject body = t.body().get();
                remove(body, f.path());
                return request(t, f.path() + " missing", body);
            }));
        }
        if (field.kind() == Kind.TEXT || field.kind() == Kind.FORMATTED) {
            options.add(badStrings(field).map(s -> {
                JsonObject body = t.body().get();
                set(body, field.path(), s);
                return request(t, field.path() + " = " + abbreviate(s), body);
            }));
        }
        if (field.kind() == Kind.FORMATTED) {
            options.add(Arbitraries.of(INJECTIONS).map(s -> {
                JsonObject body = t.body().get();
                set(body, field.path(), s);
                return request(t, field.path() + " = injection " + s, body);
            }));
        }
        if (field.kind() == Kind.NUMBER || field.kind() == Kind.MONEY) {
            options.add(Arbitraries.of(HUGE, "-" + HUGE).map(marker -> {
                JsonObject body = t.body().get();
                set(body, field.path(), marker);
                return request(t, field.path() + " = 1e309", body);
            }));
            options.add(outOfRange(field).map(n -> {
                JsonObject body = t.body().get();
                set(body, field.path(), n);
                return request(t, field.path() + " = " + n, body);
            }));
        }
        if (field.kind() == Kind.DATE) {
            options.add(Arbitraries.of("2999-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z",
                    "+999999999-12-31T23:59:59Z", "2026-13-45T00:00:00Z", "1900-01-01T00:00:00Z",
                    "yesterday", "2026-02-30T10:00:00Z", "").map(d -> {
                        JsonObject body = t.body().get();
                        set(body, field.path(), d);
                        return request(t, field.path() + " = " + d, body);
                    }));
        }
        return Arbitraries.oneOf(options);
    }

    /** Values of every JSON type but the field's own (null only where the field is required). */
    private static Arbitrary<Object> wrongTypes(Field field) {
        List<Object> values = new ArrayList<>();
        if (field.kind() != Kind.TEXT && field.kind() != Kind.FORMATTED
                && field.kind() != Kind.DATE) {
            values.add("x");
            values.add("");
            values.add("true");
            values.add("12");
        }
        if (field.kind() != Kind.NUMBER && field.kind() != Kind.MONEY) {
            values.add(1);
            values.add(-1.5);
            values.add(0);
        }
        if (field.kind() != Kind.BOOLEAN) {
            values.add(true);
            values.add(false);
        }
        if (field.kind() != Kind.ARRAY) {
            values.add(new JsonArray().add("a"));
            values.add(new JsonArray());
        }
        if (field.kind() != Kind.OBJECT) {
            values.add(new JsonObject().put("a", 1));
            values.add(new JsonObject());
        }
        if (field.required()) {
            values.add(MARK_NULL);
        }
        return Arbitraries.of(values);
    }

    /** A marker for JSON null, which a JsonObject would otherwise drop from the choice list. */
    private static final String MARK_NULL = "@@NULL@@";

    private static Arbitrary<String> badStrings(Field field) {
        List<Arbitrary<String>> options = new ArrayList<>();
        options.add(Arbitraries.strings().alpha().ofMinLength(0).ofMaxLength(8)
                .map(s -> s + "\u0000" + s));
        options.add(Arbitraries.strings().alpha().ofMinLength(0).ofMaxLength(8)
                .map(s -> s + SURROGATE + s));
        options.add(Arbitraries.of("张三\u202Eabc", "\u202Dname", "a\u2066b\u2069",
                "\u200F\u200F"));
        options.add(Arbitraries.integers().between(40, 400).map(n -> "a" + "\u0301".repeat(n)));
        options.add(Arbitraries.integers().between(200_000, 201_000).map("字"::repeat));
        if (field.required()) {
            options.add(Arbitraries.of("", "   ", "\t\n"));
        }
        return Arbitraries.oneOf(options);
    }

    private static Arbitrary<Object> outOfRange(Field field) {
        if (field.kind() == Kind.MONEY) {
            return Arbitraries.of(-1L, -100L, Long.MIN_VALUE, Long.MAX_VALUE, 0.5, 12.25, 1e19,
                    9_223_372_036_854_775_807L, 0L);
        }
        // 99999 is beyond every range (coordinates, counts, seconds, metres); 999 is not (a
        // ride of 999 s, a walk of 999 m are valid policies)
        return Arbitraries.of(1e12, -1e12, 1e300, -1e300, Long.MAX_VALUE, Long.MIN_VALUE,
                99_999.0, -999.0);
    }

    private static BadRequest request(Template t, String what, JsonObject body) {
        return request(t, what, "application/json", encode(body));
    }

    private static BadRequest request(Template t, String what, String contentType, byte[] body) {
        return new BadRequest(t.family(), what, t.method(), t.path(), contentType, body,
                new LinkedHashMap<>(t.headers().get()));
    }

    /** The body as bytes, markers replaced by what a JsonObject cannot hold. */
    static byte[] encode(JsonObject body) {
        String text = body.encode()
                .replace("\"" + MARK_NULL + "\"", "null")
                .replace("\"" + NAN + "\"", "NaN")
                .replace("\"-" + HUGE + "\"", "-1e309")
                .replace("\"" + HUGE + "\"", "1e309")
                .replace(SURROGATE, "\\ud800");
        int at = text.indexOf(BAD_UTF8);
        if (at < 0) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        var out = new ByteArrayOutputStream();
        out.writeBytes(text.substring(0, at).getBytes(StandardCharsets.UTF_8));
        out.write(0xC3);
        out.write(0x28);
        out.write(0xFF);
        out.writeBytes(text.substring(at + BAD_UTF8.length()).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static void set(JsonObject body, String path, Object value) {
        Object node = parentOf(body, path);
        String last = lastOf(path);
        if (node instanceof JsonObject o) {
            o.put(last, value);
        } else if (node instanceof JsonArray a) {
            a.set(Integer.parseInt(last), value);
        }
    }

    private static void remove(JsonObject body, String path) {
        Object node = parentOf(body, path);
        String last = lastOf(path);
        if (node instanceof JsonObject o) {
            o.remove(last);
        } else if (node instanceof JsonArray a) {
            a.remove(Integer.parseInt(last));
        }
    }

    /** The object or array holding the last step of {@code path} ("items.0.amountFen"). */
    private static Object parentOf(JsonObject body, String path) {
        String[] parts = path.split("\\.");
        Object node = body;
        for (int i = 0; i < parts.length - 1; i++) {
            node = child(node, parts[i]);
        }
        return node;
    }

    private static String lastOf(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    private static Object child(Object node, String part) {
        if (node instanceof JsonObject o) {
            return o.getValue(part);
        }
        return ((JsonArray) node).getValue(Integer.parseInt(part));
    }

    private static String describe(Object value) {
        return value instanceof String s ? (s.equals(MARK_NULL) ? "null" : "\"" + s + "\"")
                : String.valueOf(value);
    }

    private static String abbreviate(String s) {
        String shown = s.replace(SURROGATE, "\\ud800").replace("\u0000", "\\0");
        return shown.length() > 40 ? shown.substring(0, 40) + "…(" + s.length() + " chars)"
                : shown;
    }

    /** A fresh Idempotency-Key per try, so a request that were wrongly accepted is stored. */
    static Map<String, String> freshKey() {
        return Map.of("Idempotency-Key", UUID.randomUUID().toString());
    }

    /** Two generators as one, for families with several endpoints. */
    @SafeVarargs
    static Arbitrary<BadRequest> anyOf(Arbitrary<BadRequest>... generators) {
        return Arbitraries.oneOf(List.of(generators));
    }
}
