package cn.anxing.accident;

import cn.anxing.accident.cases.AccidentError;
import cn.anxing.accident.cases.PlateNumber;
import cn.anxing.accident.photo.PhotoType;
import cn.anxing.accident.photo.RequiredPhotos;
import cn.anxing.error.DomainException;
import java.util.List;

/**
 * The names of the required photos: as the URL gives them ({@code panorama-front},
 * {@code plate-2}) and as they are stored ({@code PANORAMA_FRONT}, {@code PLATE:浙F12345}).
 */
final class PhotoSlots {

    private PhotoSlots() {
    }

    /** The slot as the URL names it: panorama-front, panorama-rear, collision-point, plate-1... */
    static String name(RequiredPhotos.Slot slot, List<PlateNumber> plates) {
        if (slot.kind() == RequiredPhotos.Kind.PLATE) {
            return "plate-" + (plates.indexOf(slot.plate()) + 1);
        }
        return slot.kind().name().toLowerCase().replace('_', '-');
    }

    static RequiredPhotos.Slot parse(String name, List<PlateNumber> plates) {
        // one spelling per slot, as the pages send it: no case folding, no trimming (a slot
        // name with a NUL or in capitals is a different URL, not the same slot)
        String n = name == null ? "" : name;
        if (n.matches("plate-[1-9][0-9]?")) {
            try {
                int index = Integer.parseInt(n.substring("plate-".length()));
                if (index >= 1 && index <= plates.size()) {
                    return RequiredPhotos.Slot.plate(plates.get(index - 1));
                }
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
        } else {
            for (RequiredPhotos.Kind kind : RequiredPhotos.Kind.values()) {
                if (kind != RequiredPhotos.Kind.PLATE
                        && kind.name().toLowerCase().replace('_', '-').equals(n)) {
                    return RequiredPhotos.Slot.of(kind);
                }
            }
        }
        throw new DomainException(AccidentError.PHOTO_SLOT_UNKNOWN, "照片位置应为 panorama-front,"
                + " panorama-rear, collision-point 或 plate-1..plate-" + plates.size()
                + " / unknown photo slot " + name, "slot");
    }

    /** The slot as stored: PANORAMA_FRONT, ..., PLATE:浙F12345. */
    static String key(RequiredPhotos.Slot slot) {
        return slot.kind() == RequiredPhotos.Kind.PLATE ? "PLATE:" + slot.plate().value()
                : slot.kind().name();
    }

    static RequiredPhotos.Slot parseKey(String key) {
        if (key.startsWith("PLATE:")) {
            return RequiredPhotos.Slot.plate(PlateNumber.parse(key.substring(6)));
        }
        return RequiredPhotos.Slot.of(RequiredPhotos.Kind.valueOf(key));
    }

    static PhotoType typeOf(String contentType) {
        for (PhotoType t : PhotoType.values()) {
            if (t.contentType().equals(contentType)) {
                return t;
            }
        }
        throw new IllegalStateException("stored photo has type " + contentType);
    }
}
