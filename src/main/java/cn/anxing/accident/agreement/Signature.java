package cn.anxing.accident.agreement;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/** A party's handwritten signature, drawn on the phone and sent as a PNG, and when it was made. */
public record Signature(byte[] png, Instant signedAt) {

    public Signature {
        Objects.requireNonNull(png, "png");
        Objects.requireNonNull(signedAt, "signedAt");
        png = png.clone();
    }

    @Override
    public byte[] png() {
        return png.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Signature s && Arrays.equals(png, s.png) && signedAt.equals(s.signedAt);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(png) + signedAt.hashCode();
    }

    @Override
    public String toString() {
        return "Signature[" + png.length + " bytes PNG, signedAt=" + signedAt + "]";
    }
}
