package cn.anxing.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small blocking HTTP client for black-box tests of the API. */
public final class Api {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String token;

    public Api(String baseUrl) {
        this(baseUrl, null);
    }

    private Api(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /** A response: status, headers and the body as text. */
    public record Reply(int status, String body, java.net.http.HttpHeaders headers) {
        public JsonObject json() {
            return new JsonObject(body);
        }

        public JsonArray jsonArray() {
            return new JsonArray(body);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public Api as(String bearerToken) {
        return new Api(baseUrl, bearerToken);
    }

    /** Signs in a staff account by password and returns a client carrying its token. */
    public Api staff(String username, String password) {
        Reply reply = post("/api/v1/auth/login", new JsonObject().put("username", username)
                .put("password", password));
        if (reply.status() != 200) {
            throw new IllegalStateException("login " + username + ": " + reply);
        }
        return as(reply.json().getString("token"));
    }

    /** Signs in a phone account with the code the demo configuration returns. */
    public Api phone(String phone) {
        Reply sent = post("/api/v1/auth/otp/request", new JsonObject().put("phone", phone));
        if (sent.status() != 202) {
            throw new IllegalStateException("otp request " + phone + ": " + sent);
        }
        Reply verified = post("/api/v1/auth/otp/verify", new JsonObject().put("phone", phone)
                .put("code", sent.json().getString("devCode")));
        if (verified.status() != 200) {
            throw new IllegalStateException("otp verify " + phone + ": " + verified);
        }
        return as(verified.json().getString("token"));
    }

    public Reply get(String path) {
        return send(request(path).GET());
    }

    public Reply post(String path, Object json) {
        return postRaw(path, json == null ? "" : json.toString(), "application/json");
    }

    public Reply postRaw(String path, String body, String contentType) {
        return send(request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Reply postBytes(String path, byte[] body, String contentType, String... headers) {
        var builder = request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return send(builder);
    }

    public Reply delete(String path) {
        return send(request(path).DELETE());
    }

    public Reply put(String path, Object json) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json.toString())));
    }

    private HttpRequest.Builder request(String path) {
        var builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private static Reply send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = CLIENT.send(builder.build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The bearer token this client sends, or null when anonymous. */
    public String token() {
        return token;
    }

    /** Any method with a raw body, its content type and further headers. */
    public Reply send(String method, String path, byte[] body, String contentType,
                      java.util.Map<String, String> headers) {
        var builder = request(path).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        headers.forEach(builder::header);
        return send(builder);
    }

    /**
     * The first school this coordinator sees, waited for (up to two minutes) while the bus demo
     * makes it after the road network has loaded.
     */
    public JsonObject firstSchool() {
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            var schools = get("/api/v1/bus/schools").jsonArray();
            if (!schools.isEmpty()) {
                return schools.getJsonObject(0);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("the bus demo made no school in time");
    }
}
