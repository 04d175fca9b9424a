package cn.anxing.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.anxing.testing.TestServer;
import com.google.protobuf.CodedInputStream;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("The base map's style, tiles and glyphs as the server answers them")
class BaseMapApiTest {

    /** The zoom 16 tile over 贵溪大道 in Guixi. */
    private static final String ROAD_TILE = "/api/v1/map/tiles/16/54112/27391.pbf";

    private static TestServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<byte[]> get(String path, String... headers) {
        var request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("The style points only at our own tiles and glyphs and credits OpenStreetMap")
    void style() {
        var reply = get("/api/v1/map/style.json");
        assertEquals(200, reply.statusCode());
        JsonObject style = new JsonObject(new String(reply.body()));
        assertEquals("/api/v1/map/glyphs/{fontstack}/{range}.pbf", style.getString("glyphs"));
        JsonObject source = style.getJsonObject("sources").getJsonObject("osm");
        assertEquals("/api/v1/map/tiles/{z}/{x}/{y}.pbf", source.getJsonArray("tiles")
                .getString(0));
        assertEquals(16, source.getInteger("maxzoom"));
        assertTrue(source.getString("attribution").contains("© OpenStreetMap contributors"));
        double west = source.getJsonArray("bounds").getDouble(0);
        double east = source.getJsonArray("bounds").getDouble(2);
        assertTrue(west < 117.20 && east > 117.25, "Guixi inside " + source.getJsonArray(
                "bounds"));
        assertTrue(!style.encode().contains("http"), "no URL to another host");
    }

    @Test
    @DisplayName("A tile is a gzipped vector tile with the road's Chinese name in it")
    void tileIsGzippedMvt() throws IOException {
        var reply = get(ROAD_TILE, "Accept-Encoding", "gzip");
        assertEquals(200, reply.statusCode());
        assertEquals("application/vnd.mapbox-vector-tile",
                reply.headers().firstValue("Content-Type").orElse(""));
        assertEquals("gzip", reply.headers().firstValue("Content-Encoding").orElse(""));
        byte[] tile;
        try (var in = new GZIPInputStream(new ByteArrayInputStream(reply.body()))) {
            tile = in.readAllBytes();
        }
        assertTrue(new String(tile, java.nio.charset.StandardCharsets.UTF_8).contains("贵溪大道"));
    }

    @Test
    @DisplayName("A client that does not take gzip gets the plain tile")
    void plainTile() {
        var reply = get(ROAD_TILE);
        assertEquals(200, reply.statusCode());
        assertTrue(reply.headers().firstValue("Content-Encoding").isEmpty());
        assertTrue(new String(reply.body(), java.nio.charset.StandardCharsets.UTF_8)
                .contains("贵溪大道"));
    }

    @Test
    @DisplayName("A tile of empty ground (here: Beijing) is 204, no body")
    void emptyTile() {
        assertEquals(204, get("/api/v1/map/tiles/16/53957/24834.pbf").statusCode());
    }

    @ParameterizedTest(name = "{0} -> 400 on {1}")
    @CsvSource({
        "/api/v1/map/tiles/23/0/0.pbf, z",
        "/api/v1/map/tiles/abc/0/0.pbf, z",
        "/api/v1/map/tiles/2/4/0.pbf, x",
        "/api/v1/map/tiles/2/0/-1.pbf, y",
        "/api/v1/map/glyphs/Sans/0-254.pbf, range",
        "/api/v1/map/glyphs/Sans/100-355.pbf, range",
        "/api/v1/map/glyphs/Sans/a-b.pbf, range",
    })
    @DisplayName("Bad tile and glyph addresses are 400 naming the part at fault")
    void badAddresses(String path, String field) {
        var reply = get(path);
        assertEquals(400, reply.statusCode(), new String(reply.body()));
        assertEquals(field, new JsonObject(new String(reply.body())).getString("field"));
    }

    @Test
    @DisplayName("The glyph range of 贵 carries its distance field, and Latin digits come too")
    void glyphRanges() throws IOException {
        // 贵 is U+8D35 = 36149, in the range 36096-36351
        var cjk = get("/api/v1/map/glyphs/WenQuanYi%20Micro%20Hei/36096-36351.pbf");
        assertEquals(200, cjk.statusCode());
        assertEquals("application/x-protobuf", cjk.headers().firstValue("Content-Type")
                .orElse(""));
        List<int[]> glyphs = glyphs(cjk.body());
        int[] gui = glyphs.stream().filter(g -> g[0] == 36149).findFirst().orElseThrow();
        // width and height of a 24 px ideograph, the bitmap with its 3 px border all round
        assertTrue(gui[1] >= 16 && gui[1] <= 26 && gui[2] >= 16 && gui[2] <= 26,
                "贵 is " + gui[1] + "x" + gui[2]);
        assertEquals((gui[1] + 6) * (gui[2] + 6), gui[3], "bitmap size");
        assertTrue(gui[4] > 0, "some pixels are inside the glyph");

        List<int[]> latin = glyphs(get("/api/v1/map/glyphs/Sans/0-255.pbf").body());
        assertTrue(latin.stream().anyMatch(g -> g[0] == '7'));
    }

    /** {id, width, height, bitmap length, pixels at or over the edge value} of each glyph. */
    private static List<int[]> glyphs(byte[] pbf) throws IOException {
        List<int[]> glyphs = new ArrayList<>();
        CodedInputStream root = CodedInputStream.newInstance(pbf);
        for (int tag; (tag = root.readTag()) != 0; ) {
            CodedInputStream stack = CodedInputStream.newInstance(root.readByteArray());
            for (int t; (t = stack.readTag()) != 0; ) {
                if (t >>> 3 != 3) {
                    stack.skipField(t);
                    continue;
                }
                CodedInputStream glyph = CodedInputStream.newInstance(stack.readByteArray());
                int[] g = new int[5];
                for (int f; (f = glyph.readTag()) != 0; ) {
                    switch (f >>> 3) {
                        case 1 -> g[0] = glyph.readUInt32();
                        case 2 -> {
                            byte[] bitmap = glyph.readByteArray();
                            g[3] = bitmap.length;
                            for (byte b : bitmap) {
                                g[4] += (b & 0xff) >= 192 ? 1 : 0;
                            }
                        }
                        case 3 -> g[1] = glyph.readUInt32();
                        case 4 -> g[2] = glyph.readUInt32();
                        default -> glyph.skipField(f);
                    }
                }
                glyphs.add(g);
            }
        }
        return glyphs;
    }
}
