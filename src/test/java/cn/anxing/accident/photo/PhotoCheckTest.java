package cn.anxing.accident.photo;

import cn.anxing.accident.cases.PlateNumber;
import cn.anxing.routing.LatLon;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PhotoCheckTest {

    private static final Instant REPORTED = Instant.parse("2026-11-29T01:30:00Z");
    private static final LatLon SCENE = new LatLon(30.6760, 121.0150);
    private static final PhotoCheck CHECK = new PhotoCheck(Duration.ofMinutes(60), 500);

    @ParameterizedTest(name = "taken {0} min before, {1} deg north -> {2}")
    @CsvSource({
            "10,    0,      ''",
            "60,    0.004,  ''",
            "61,    0,      TIME_FAR_FROM_REPORT",
            "-90,   0,      TIME_FAR_FROM_REPORT",
            "5,     0.005,  POSITION_FAR_FROM_REPORT",
            "1440,  0.1,    TIME_FAR_FROM_REPORT POSITION_FAR_FROM_REPORT",
    })
    @DisplayName("A photo taken more than N minutes or M metres from the report is flagged (here 60 min, 500 m)")
    void flags(long minutesBefore, double degreesNorth, String expected) {
        InspectedPhoto photo = new InspectedPhoto(PhotoType.JPEG, "00", 1,
                REPORTED.minus(Duration.ofMinutes(minutesBefore)), false,
                new LatLon(SCENE.lat() + degreesNorth, SCENE.lon()));
        List<String> kinds = CHECK.check(photo, REPORTED, SCENE).stream()
                .map(f -> f.kind().name()).toList();
        assertEquals(expected.isEmpty() ? List.of() : List.of(expected.split(" ")), kinds);
    }

    @Test
    @DisplayName("A photo without an EXIF time is flagged NO_PHOTO_TIME (照片没有拍摄时间): nothing"
            + " shows it was taken at this accident")
    void noExifTimeFlags() {
        InspectedPhoto photo = new InspectedPhoto(PhotoType.PNG, "00", 1, null, false, null);
        List<PhotoCheck.Flag> flags = CHECK.check(photo, REPORTED, SCENE);
        assertEquals(List.of(PhotoCheck.Kind.NO_PHOTO_TIME), flags.stream()
                .map(PhotoCheck.Flag::kind).toList());
        assertEquals("照片没有拍摄时间", flags.get(0).zh());
        InspectedPhoto farWithoutTime = new InspectedPhoto(PhotoType.JPEG, "00", 1, null, false,
                new LatLon(SCENE.lat() + 0.1, SCENE.lon()));
        assertEquals(List.of(PhotoCheck.Kind.NO_PHOTO_TIME,
                PhotoCheck.Kind.POSITION_FAR_FROM_REPORT), CHECK.check(farWithoutTime, REPORTED,
                SCENE).stream().map(PhotoCheck.Flag::kind).toList());
    }

    @Test
    @DisplayName("A photo with its time but no position is not flagged: phones leave the"
            + " position out whenever location is off")
    void noPositionNoFlag() {
        InspectedPhoto photo = new InspectedPhoto(PhotoType.JPEG, "00", 1, REPORTED, false, null);
        assertEquals(List.of(), CHECK.check(photo, REPORTED, SCENE));
    }

    @Test
    @DisplayName("The flag says how far off the photo is, in Chinese and English")
    void flagExplains() {
        InspectedPhoto photo = new InspectedPhoto(PhotoType.JPEG, "00", 1, REPORTED, false,
                new LatLon(SCENE.lat() + 0.01, SCENE.lon()));
        PhotoCheck.Flag f = CHECK.check(photo, REPORTED, SCENE).get(0);
        assertEquals(1112, f.amount(), 1);
        assertEquals("照片拍摄位置距报案位置1112米", f.zh());
    }

    @Test
    @DisplayName("A case needs front and rear panoramas, the collision point and every plate")
    void requiredPhotos() {
        PlateNumber a = PlateNumber.parse("浙F12345");
        PlateNumber b = PlateNumber.parse("浙FD12345");
        List<RequiredPhotos.Slot> uploaded = List.of(
                RequiredPhotos.Slot.of(RequiredPhotos.Kind.PANORAMA_FRONT),
                RequiredPhotos.Slot.plate(b));
        assertEquals(List.of(RequiredPhotos.Slot.of(RequiredPhotos.Kind.PANORAMA_REAR),
                RequiredPhotos.Slot.of(RequiredPhotos.Kind.COLLISION_POINT),
                RequiredPhotos.Slot.plate(a)), RequiredPhotos.missing(uploaded, List.of(a, b)));
    }
}
