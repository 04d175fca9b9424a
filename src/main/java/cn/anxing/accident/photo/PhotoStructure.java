package cn.anxing.accident.photo;

import cn.anxing.accident.cases.AccidentError;
import cn.anxing.error.DomainException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * The container of an uploaded photo, read byte by byte: its type from the magic bytes, the
 * walk to its end (JPEG segments to EOI, PNG chunks with their CRCs to IEND, HEIC boxes with
 * their {@code ispe} dimensions), the dimensions against the limits, and no HTML or script
 * where a browser or a person could read it. Pixels are {@link PhotoInspector}'s.
 */
final class PhotoStructure {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    /** ISO-BMFF brands of HEIF files holding HEVC images (ISO/IEC 23008-12 Annex B). */
    private static final Set<String> HEIC_BRANDS =
            Set.of("heic", "heix", "hevc", "hevx", "heim", "heis", "hevm", "hevs");
    /** Larger than any phone camera (200 MP sensors give 16320 x 12240). */
    static final int MAX_SIDE = 20_000;
    static final long MAX_PIXELS = 250_000_000L;
    /** Markup a browser would sniff or run; never in the metadata of a real photo. */
    private static final List<String> ACTIVE_MARKERS = List.of("<html", "<head", "<body",
            "<script", "<iframe", "<svg", "<!doctype", "<object", "<embed", "<img", "<meta",
            "<a href", "javascript:", "<?php");

    private PhotoStructure() {
    }

    /**
     * The file is complete for its type; returns the byte ranges outside the compressed image
     * data, where text would be readable.
     */
    static List<int[]> checkComplete(byte[] bytes, PhotoType type) {
        return switch (type) {
            case JPEG -> checkJpegComplete(bytes);
            case PNG -> checkPngComplete(bytes);
            case HEIC -> checkBoxesComplete(bytes);
        };
    }

    /** The type from the first bytes, whatever the upload claimed. */
    static PhotoType detectType(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8
                && (b[2] & 0xff) == 0xff) {
            return PhotoType.JPEG;
        }
        if (startsWith(b, PNG_SIGNATURE)) {
            return PhotoType.PNG;
        }
        if (b.length >= 16 && ascii(b, 4, 4).equals("ftyp")) {
            long boxSize = u32(b, 0);
            int end = (int) Math.min(Math.max(boxSize, 16), b.length);
            if (HEIC_BRANDS.contains(ascii(b, 8, 4))) {
                return PhotoType.HEIC;
            }
            for (int i = 16; i + 4 <= end; i += 4) {
                if (HEIC_BRANDS.contains(ascii(b, i, 4))) {
                    return PhotoType.HEIC;
                }
            }
        }
        throw reject("PHOTO_TYPE_NOT_ALLOWED",
                "the file is not a JPEG, PNG or HEIC photo, whatever its name or declared type");
    }

    /**
     * Walks the JPEG segments to the end-of-image marker. Segment lengths are followed, so an
     * FF D9 inside an embedded EXIF thumbnail does not count; data after EOI (some phones
     * append their own trailer) is allowed.
     */
    private static List<int[]> checkJpegComplete(byte[] b) {
        int pos = 2;
        int firstScan = -1;
        while (pos + 1 < b.length) {
            if ((b[pos] & 0xff) != 0xff) {
                throw truncated(PhotoType.JPEG, "a segment marker is missing");
            }
            int marker = b[pos + 1] & 0xff;
            if (marker == 0xff) {
                pos++;
                continue;
            }
            if (marker == 0xd9) {
                // the headers up to the first scan, and whatever follows the end of the image
                return List.of(new int[] {0, firstScan < 0 ? pos : firstScan},
                        new int[] {pos + 2, b.length});
            }
            if ((marker >= 0xd0 && marker <= 0xd7) || marker == 0x01) {
                pos += 2;
                continue;
            }
            if (pos + 3 >= b.length) {
                break;
            }
            int length = ((b[pos + 2] & 0xff) << 8) | (b[pos + 3] & 0xff);
            pos += 2 + length;
            if (marker == 0xda) {
                if (firstScan < 0) {
                    firstScan = pos - 2 - length;
                }
                // entropy-coded data runs to the next marker that is not a stuffed 00 or RSTn
                while (pos + 1 < b.length && !((b[pos] & 0xff) == 0xff
                        && (b[pos + 1] & 0xff) != 0
                        && !((b[pos + 1] & 0xff) >= 0xd0 && (b[pos + 1] & 0xff) <= 0xd7))) {
                    pos++;
                }
            }
        }
        throw truncated(PhotoType.JPEG, "the end-of-image marker is missing");
    }

    /**
     * Walks the chunks to IEND, checking each CRC and the IHDR dimensions; returns the ranges
     * outside the compressed pixels (IDAT), where text would be readable.
     */
    private static List<int[]> checkPngComplete(byte[] b) {
        int pos = PNG_SIGNATURE.length;
        List<int[]> ranges = new ArrayList<>();
        boolean header = false;
        while (pos + 8 <= b.length) {
            long length = u32(b, pos);
            String chunk = ascii(b, pos + 4, 4);
            long next = pos + 12 + length;
            if (next > b.length) {
                break;
            }
            CRC32 crc = new CRC32();
            crc.update(b, pos + 4, (int) length + 4);
            if (crc.getValue() != u32(b, (int) next - 4)) {
                throw unreadable("chunk " + chunk.strip() + " is damaged (its CRC does not match)");
            }
            if (!header) {
                if (!chunk.equals("IHDR") || length < 8) {
                    throw unreadable("the IHDR chunk is missing");
                }
                checkDimensions(u32(b, pos + 8), u32(b, pos + 12));
                header = true;
            }
            if (!chunk.equals("IDAT")) {
                ranges.add(new int[] {pos, (int) next});
            }
            if (chunk.equals("IEND")) {
                ranges.add(new int[] {(int) next, b.length});
                return ranges;
            }
            pos = (int) next;
        }
        throw truncated(PhotoType.PNG, "the IEND chunk is missing");
    }

    /**
     * Every top-level ISO-BMFF box must fit in the file, and a meta box must describe an image
     * with its dimensions (an {@code ispe} property, ISO/IEC 23008-12 6.5.3). Returns the ranges
     * outside the coded image data ({@code mdat}).
     */
    private static List<int[]> checkBoxesComplete(byte[] b) {
        long pos = 0;
        boolean meta = false;
        List<int[]> ranges = new ArrayList<>();
        while (pos < b.length) {
            if (pos + 8 > b.length) {
                throw truncated(PhotoType.HEIC, "a box header is cut off");
            }
            long size = u32(b, (int) pos);
            String box = ascii(b, (int) pos + 4, 4);
            int headerSize = 8;
            if (size == 1) {
                if (pos + 16 > b.length) {
                    throw truncated(PhotoType.HEIC, "a box header is cut off");
                }
                size = (u32(b, (int) pos + 8) << 32) | u32(b, (int) pos + 12);
                headerSize = 16;
            } else if (size == 0) {
                size = b.length - pos;
            }
            if (size < headerSize || pos + size > b.length) {
                throw truncated(PhotoType.HEIC, "box " + box + " runs past the end of the file");
            }
            if (box.equals("meta")) {
                meta = true;
                checkImageSpatialExtents(b, (int) pos + headerSize, (int) (pos + size));
            }
            if (!box.equals("mdat")) {
                ranges.add(new int[] {(int) pos, (int) (pos + size)});
            }
            pos += size;
        }
        if (!meta) {
            throw truncated(PhotoType.HEIC, "the meta box is missing");
        }
        return ranges;
    }

    /** meta (a full box) holds iprp, which holds ipco, which holds the ispe properties. */
    private static void checkImageSpatialExtents(byte[] b, int start, int end) {
        int[] iprp = child(b, start + 4, end, "iprp");
        int[] ipco = iprp == null ? null : child(b, iprp[0], iprp[1], "ipco");
        int[] ispe = ipco == null ? null : child(b, ipco[0], ipco[1], "ispe");
        if (ispe == null || ispe[1] - ispe[0] < 12) {
            throw unreadable("the HEIC photo does not give its dimensions (no ispe property)");
        }
        checkDimensions(u32(b, ispe[0] + 4), u32(b, ispe[0] + 8));
    }

    /** The content range of the first child box of that type in [start, end), or null. */
    private static int[] child(byte[] b, int start, int end, String type) {
        int pos = start;
        while (pos + 8 <= end) {
            long size = u32(b, pos);
            if (size < 8 || pos + size > end) {
                throw unreadable("the HEIC box structure is damaged");
            }
            if (ascii(b, pos + 4, 4).equals(type)) {
                return new int[] {pos + 8, (int) (pos + size)};
            }
            pos += (int) size;
        }
        return null;
    }

    static void checkDimensions(long width, long height) {
        if (width <= 0 || height <= 0) {
            throw unreadable("the image has no pixels (" + width + " x " + height + ")");
        }
        if (width > MAX_SIDE || height > MAX_SIDE || width * height > MAX_PIXELS) {
            throw reject("PHOTO_DIMENSIONS", "the photo is " + width + " x " + height
                    + " pixels; at most " + MAX_SIDE + " per side and " + MAX_PIXELS / 1_000_000
                    + " megapixels are accepted");
        }
    }

    /** HTML or script where a browser or a person could read it: a polyglot, refused. */
    static void refuseActiveContent(byte[] b, List<int[]> ranges) {
        for (int[] range : ranges) {
            String text = new String(b, range[0], range[1] - range[0], StandardCharsets.ISO_8859_1)
                    .toLowerCase(Locale.ROOT);
            for (String marker : ACTIVE_MARKERS) {
                if (text.contains(marker)) {
                    throw reject("PHOTO_ACTIVE_CONTENT", "the photo carries web content ("
                            + marker + "...) in its metadata or after its end; please upload the"
                            + " photo straight from the camera");
                }
            }
        }
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(byte[] b, int offset, int length) {
        return new String(b, offset, length, StandardCharsets.ISO_8859_1);
    }

    private static long u32(byte[] b, int offset) {
        return ((long) (b[offset] & 0xff) << 24) | ((b[offset + 1] & 0xff) << 16)
                | ((b[offset + 2] & 0xff) << 8) | (b[offset + 3] & 0xff);
    }

    static DomainException unreadable(String what) {
        return reject("PHOTO_UNREADABLE", "照片无法解码 / the photo cannot be opened: " + what);
    }

    private static DomainException truncated(PhotoType type, String what) {
        return reject("PHOTO_TRUNCATED", "the " + type + " photo is incomplete (" + what
                + "); please upload it again");
    }

    static DomainException reject(String code, String message) {
        return new DomainException(AccidentError.valueOf(code), message, "photo");
    }
}
