package cn.anxing.accident.photo;

import cn.anxing.accident.cases.PlateNumber;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The photos a self-handled case needs before it can go on (现场照片): the scene from the
 * front and from the rear, the collision point close up, and each vehicle's plate.
 */
public final class RequiredPhotos {

    public enum Kind { PANORAMA_FRONT, PANORAMA_REAR, COLLISION_POINT, PLATE }

    /** One required photo; {@code plate} is set for PLATE only. */
    public record Slot(Kind kind, PlateNumber plate) {
        public static Slot of(Kind kind) {
            return new Slot(kind, null);
        }

        public static Slot plate(PlateNumber plate) {
            return new Slot(Kind.PLATE, plate);
        }
    }

    private RequiredPhotos() {
    }

    public static List<Slot> required(Collection<PlateNumber> plates) {
        List<Slot> slots = new ArrayList<>(List.of(Slot.of(Kind.PANORAMA_FRONT),
                Slot.of(Kind.PANORAMA_REAR), Slot.of(Kind.COLLISION_POINT)));
        plates.forEach(p -> slots.add(Slot.plate(p)));
        return slots;
    }

    /** What is still missing, in the order the phone page asks for it. */
    public static List<Slot> missing(Collection<Slot> uploaded, Collection<PlateNumber> plates) {
        return required(plates).stream().filter(s -> !uploaded.contains(s)).toList();
    }
}
