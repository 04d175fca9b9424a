package cn.anxing.accident;

import static cn.anxing.accident.AccidentScene.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.anxing.accident.photo.AccidentPhotos;
import cn.anxing.http.HttpHardeningTest;
import cn.anxing.testing.Api;
import cn.anxing.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Uploads that cannot be turned against the people who open them, through the API. */
@DisplayName("Photo and signature uploads")
class UploadSafetyApiTest {

    private static TestServer server;
    private static AccidentScene scene;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of());
        AccidentScene.awaitRoads(server);
        scene = new AccidentScene(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "JPEG with HTML in a comment,  PHOTO_ACTIVE_CONTENT, image/jpeg",
        "JPEG with HTML appended,      PHOTO_ACTIVE_CONTENT, image/jpeg",
        "4-byte JPEG,                  PHOTO_UNREADABLE,     image/jpeg",
        "PNG with a bad CRC,           PHOTO_UNREADABLE,     image/png",
        "0x0 PNG,                      PHOTO_UNREADABLE,     image/png",
        "HEIC without dimensions,      PHOTO_UNREADABLE,     image/heic",
    })
    @DisplayName("a polyglot JPEG+HTML and files that do not decode are refused with a 400"
            + " naming the photo, and the case is unchanged")
    void refused(String name, String code, String contentType) {
        var c = scene.reported();
        expect(200, c.a().checklist(c.id(), false));
        JsonObject before = c.view();
        Api.Reply reply = c.a().upload(c.id(), "panorama-front", AccidentPhotos.refused(name),
                contentType, UUID.randomUUID().toString());
        assertEquals(400, reply.status(), reply.toString());
        assertEquals(code, reply.json().getString("code"));
        assertEquals("photo", reply.json().getString("field"));
        assertEquals(before, c.view(), "nothing stored");
    }

    @Test
    @DisplayName("a served photo is never sniffed, is sandboxed, and comes as an inline file")
    void servedPhotoHeaders() {
        var c = scene.reported();
        expect(200, c.a().checklist(c.id(), false));
        expect(201, c.a().upload(c.id(), "panorama-front", AccidentPhotos.jpeg(), "image/jpeg",
                UUID.randomUUID().toString()));
        String photoId = c.view().getJsonArray("photos").getJsonObject(0).getJsonObject("photo")
                .getString("id");
        Api.Reply photo = c.a().api.get("/api/v1/accidents/" + c.id() + "/photos/" + photoId);
        assertEquals(200, photo.status());
        var h = photo.headers();
        assertEquals("image/jpeg", h.firstValue("Content-Type").orElse(""));
        assertEquals("nosniff", h.firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("sandbox", h.firstValue("Content-Security-Policy").orElse(""));
        assertEquals("inline; filename=\"" + photoId + ".jpg\"",
                h.firstValue("Content-Disposition").orElse(""));
        assertTrue(h.allValues("Content-Security-Policy").size() == 1, h.map().toString());
    }

    @Test
    @DisplayName("a signature that is blank or does not decode is refused; a drawn one signs")
    void signatures() throws Exception {
        var c = scene.inLiability();
        var says = new JsonObject().put("A", "REAR_END").put("B", "NOT_AT_FAULT");
        expect(200, c.a().state(c.id(), says));
        expect(200, c.b().state(c.id(), says));
        byte[] magicAndZeros = new byte[64];
        System.arraycopy(AccidentPhotos.png(), 0, magicAndZeros, 0, 8);
        for (byte[] bad : new byte[][] {magicAndZeros, drawn(600, 240, false),
                drawn(4, 4, true), drawn(5000, 100, true)}) {
            JsonObject before = c.view();
            Api.Reply reply = sign(c.a(), c.id(), bad);
            assertEquals(400, reply.status(), reply.toString());
            assertEquals("SIGNATURE_INVALID", reply.json().getString("code"));
            assertEquals("signature", reply.json().getString("field"));
            assertEquals(before, c.view());
        }
        expect(200, sign(c.a(), c.id(), drawn(600, 240, true)));
    }

    @Test
    @DisplayName("the case page's API answers carry the security headers too")
    void apiHeaders() {
        var c = scene.reported();
        Api.Reply reply = c.a().get(c.id());
        assertEquals(200, reply.status(), reply.toString());
        HttpHardeningTest.assertSecurityHeaders(reply.headers());
    }

    private static Api.Reply sign(Phone phone, String caseId, byte[] png) {
        return phone.api.post("/api/v1/accidents/" + caseId + "/signature", new JsonObject()
                .put("confirm", true).put("signaturePng", "data:image/png;base64,"
                        + Base64.getEncoder().encodeToString(png)));
    }

    /** A transparent pad as the phone sends it, with a stroke drawn or left blank. */
    static byte[] drawn(int width, int height, boolean ink) throws Exception {
        var img = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        if (ink) {
            var g = img.createGraphics();
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(Math.max(1, height / 40f)));
            g.drawLine(width / 10, height / 2, width / 3, height / 4);
            g.drawLine(width / 3, height / 4, width / 2, height * 3 / 4);
            g.drawLine(width / 2, height * 3 / 4, width * 9 / 10, height / 3);
            g.dispose();
        }
        var out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }
}
