package cn.anxing.accident.agreement;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A QR code (ISO/IEC 18004) of a short text, for the verify link printed on an agreement: byte
 * mode, error correction level M, versions 1 to 10 (up to 213 bytes, far more than a link
 * needs). Written here because the build has no QR library and the agreement must carry the
 * code itself; the layout follows Project Nayuki's reference encoder. One fixed mask: every
 * reader accepts any of the eight, the choice only tunes how easily a worn print scans.
 */
public final class QrCode {

    private static final int MAX_VERSION = 10;
    /** Level M, versions 1..10: error-correction codewords per block, and blocks. */
    private static final int[] ECC_PER_BLOCK = {0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26};
    private static final int[] BLOCKS = {0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5};
    private static final int MASK = 0;

    private final int size;
    private final boolean[][] dark;
    private final boolean[][] function;

    private QrCode(int version) {
        size = version * 4 + 17;
        dark = new boolean[size][size];
        function = new boolean[size][size];
    }

    /** @throws IllegalArgumentException when the text needs more than version 10 */
    public static QrCode of(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int version = 1; version <= MAX_VERSION; version++) {
            int capacityBits = dataCodewords(version) * 8;
            int countBits = version <= 9 ? 8 : 16;
            if (4 + countBits + bytes.length * 8 <= capacityBits) {
                QrCode qr = new QrCode(version);
                qr.drawFunctionPatterns(version);
                qr.drawCodewords(addErrorCorrection(version, data(bytes, countBits,
                        capacityBits)));
                qr.applyMask();
                qr.drawFormatBits();
                return qr;
            }
        }
        throw new IllegalArgumentException("text too long for a QR code: " + bytes.length
                + " bytes");
    }

    public int size() {
        return size;
    }

    /** @param x column, @param y row, from the top left */
    public boolean isDark(int x, int y) {
        return dark[y][x];
    }

    /** Black on white, {@code scale} pixels a module, with the standard four-module margin. */
    public BufferedImage image(int scale) {
        int border = 4;
        int side = (size + 2 * border) * scale;
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
        for (int py = 0; py < side; py++) {
            for (int px = 0; px < side; px++) {
                int x = px / scale - border;
                int y = py / scale - border;
                boolean on = x >= 0 && y >= 0 && x < size && y < size && dark[y][x];
                image.getRaster().setSample(px, py, 0, on ? 0 : 255);
            }
        }
        return image;
    }

    private static int rawCodewords(int version) {
        int modules = (16 * version + 128) * version + 64;
        if (version >= 2) {
            int align = version / 7 + 2;
            modules -= (25 * align - 10) * align - 55;
            if (version >= 7) {
                modules -= 36;
            }
        }
        return modules / 8;
    }

    private static int dataCodewords(int version) {
        return rawCodewords(version) - ECC_PER_BLOCK[version] * BLOCKS[version];
    }

    /** Mode, count, bytes, terminator and padding, as codewords. */
    private static byte[] data(byte[] bytes, int countBits, int capacityBits) {
        BitBuffer bits = new BitBuffer();
        bits.append(0b0100, 4);
        bits.append(bytes.length, countBits);
        for (byte b : bytes) {
            bits.append(b & 0xFF, 8);
        }
        bits.append(0, Math.min(4, capacityBits - bits.length));
        bits.append(0, (8 - bits.length % 8) % 8);
        for (int pad = 0xEC; bits.length < capacityBits; pad ^= 0xEC ^ 0x11) {
            bits.append(pad, 8);
        }
        return bits.bytes();
    }

    private static byte[] addErrorCorrection(int version, byte[] data) {
        int blocks = BLOCKS[version];
        int eccLen = ECC_PER_BLOCK[version];
        int raw = rawCodewords(version);
        int shortBlocks = blocks - raw % blocks;
        int shortLen = raw / blocks;
        byte[] divisor = divisor(eccLen);
        byte[][] all = new byte[blocks][];
        for (int i = 0, k = 0; i < blocks; i++) {
            int dataLen = shortLen - eccLen + (i < shortBlocks ? 0 : 1);
            byte[] dat = Arrays.copyOfRange(data, k, k + dataLen);
            k += dataLen;
            byte[] block = Arrays.copyOf(dat, shortLen + 1);
            byte[] ecc = remainder(dat, divisor);
            System.arraycopy(ecc, 0, block, block.length - eccLen, eccLen);
            all[i] = block;
        }
        byte[] result = new byte[raw];
        int n = 0;
        for (int i = 0; i < shortLen + 1; i++) {
            for (int j = 0; j < blocks; j++) {
                // short blocks have a gap where long blocks hold their extra data codeword
                if (i != shortLen - eccLen || j >= shortBlocks) {
                    result[n++] = all[j][i];
                }
            }
        }
        return result;
    }

    private static byte[] divisor(int degree) {
        byte[] result = new byte[degree];
        result[degree - 1] = 1;
        int root = 1;
        for (int i = 0; i < degree; i++) {
            for (int j = 0; j < degree; j++) {
                result[j] = (byte) multiply(result[j] & 0xFF, root);
                if (j + 1 < degree) {
                    result[j] ^= result[j + 1];
                }
            }
            root = multiply(root, 0x02);
        }
        return result;
    }

    private static byte[] remainder(byte[] data, byte[] divisor) {
        byte[] result = new byte[divisor.length];
        for (byte b : data) {
            int factor = (b ^ result[0]) & 0xFF;
            System.arraycopy(result, 1, result, 0, result.length - 1);
            result[result.length - 1] = 0;
            for (int i = 0; i < result.length; i++) {
                result[i] ^= (byte) multiply(divisor[i] & 0xFF, factor);
            }
        }
        return result;
    }

    /** Multiplication in GF(2^8) modulo x^8 + x^4 + x^3 + x^2 + 1. */
    private static int multiply(int x, int y) {
        int z = 0;
        for (int i = 7; i >= 0; i--) {
            z = (z << 1) ^ ((z >>> 7) * 0x11D);
            z ^= ((y >>> i) & 1) * x;
        }
        return z & 0xFF;
    }

    private void set(int x, int y, boolean on) {
        dark[y][x] = on;
        function[y][x] = true;
    }

    private void drawFunctionPatterns(int version) {
        for (int i = 0; i < size; i++) {
            set(6, i, i % 2 == 0);
            set(i, 6, i % 2 == 0);
        }
        finder(3, 3);
        finder(size - 4, 3);
        finder(3, size - 4);
        int[] align = alignmentPositions(version);
        int last = align.length - 1;
        for (int i = 0; i <= last; i++) {
            for (int j = 0; j <= last; j++) {
                boolean nearFinder = (i == 0 && j == 0) || (i == 0 && j == last)
                        || (i == last && j == 0);
                if (!nearFinder) {
                    alignment(align[i], align[j]);
                }
            }
        }
        drawFormatBits(); // reserves the area; drawn again with the real mask at the end
        if (version >= 7) {
            int rem = version;
            for (int i = 0; i < 12; i++) {
                rem = (rem << 1) ^ ((rem >>> 11) * 0x1F25);
            }
            int bits = version << 12 | rem;
            for (int i = 0; i < 18; i++) {
                boolean bit = ((bits >>> i) & 1) != 0;
                int a = size - 11 + i % 3;
                int b = i / 3;
                set(a, b, bit);
                set(b, a, bit);
            }
        }
    }

    private static int[] alignmentPositions(int version) {
        if (version == 1) {
            return new int[0];
        }
        int count = version / 7 + 2;
        int step = (version * 8 + count * 3 + 5) / (count * 4 - 4) * 2;
        int[] result = new int[count];
        result[0] = 6;
        for (int i = count - 1, pos = version * 4 + 17 - 7; i >= 1; i--, pos -= step) {
            result[i] = pos;
        }
        return result;
    }

    private void finder(int cx, int cy) {
        for (int dy = -4; dy <= 4; dy++) {
            for (int dx = -4; dx <= 4; dx++) {
                int dist = Math.max(Math.abs(dx), Math.abs(dy));
                int x = cx + dx;
                int y = cy + dy;
                if (x >= 0 && x < size && y >= 0 && y < size) {
                    set(x, y, dist != 2 && dist != 4);
                }
            }
        }
    }

    private void alignment(int cx, int cy) {
        for (int dy = -2; dy <= 2; dy++) {
            for (int dx = -2; dx <= 2; dx++) {
                set(cx + dx, cy + dy, Math.max(Math.abs(dx), Math.abs(dy)) != 1);
            }
        }
    }

    private void drawFormatBits() {
        int data = 0b00 << 3 | MASK; // level M is 00
        int rem = data;
        for (int i = 0; i < 10; i++) {
            rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
        }
        int bits = (data << 10 | rem) ^ 0x5412;
        for (int i = 0; i <= 5; i++) {
            set(8, i, bit(bits, i));
        }
        set(8, 7, bit(bits, 6));
        set(8, 8, bit(bits, 7));
        set(7, 8, bit(bits, 8));
        for (int i = 9; i < 15; i++) {
            set(14 - i, 8, bit(bits, i));
        }
        for (int i = 0; i < 8; i++) {
            set(size - 1 - i, 8, bit(bits, i));
        }
        for (int i = 8; i < 15; i++) {
            set(8, size - 15 + i, bit(bits, i));
        }
        set(8, size - 8, true);
    }

    private static boolean bit(int value, int i) {
        return ((value >>> i) & 1) != 0;
    }

    private void drawCodewords(byte[] data) {
        int i = 0;
        for (int right = size - 1; right >= 1; right -= 2) {
            if (right == 6) {
                right = 5;
            }
            for (int vert = 0; vert < size; vert++) {
                for (int j = 0; j < 2; j++) {
                    int x = right - j;
                    boolean upward = ((right + 1) & 2) == 0;
                    int y = upward ? size - 1 - vert : vert;
                    if (!function[y][x] && i < data.length * 8) {
                        dark[y][x] = bit(data[i >>> 3], 7 - (i & 7));
                        i++;
                    }
                }
            }
        }
    }

    private void applyMask() {
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                if (!function[y][x] && (x + y) % 2 == 0) {
                    dark[y][x] = !dark[y][x];
                }
            }
        }
    }

    private static final class BitBuffer {
        private boolean[] bits = new boolean[64];
        private int length;

        void append(int value, int count) {
            for (int i = count - 1; i >= 0; i--) {
                if (length == bits.length) {
                    bits = Arrays.copyOf(bits, bits.length * 2);
                }
                bits[length++] = ((value >>> i) & 1) != 0;
            }
        }

        byte[] bytes() {
            byte[] out = new byte[length / 8];
            for (int i = 0; i < length; i++) {
                if (bits[i]) {
                    out[i >>> 3] |= (byte) (1 << (7 - (i & 7)));
                }
            }
            return out;
        }
    }
}
