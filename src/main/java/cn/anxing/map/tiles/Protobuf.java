package cn.anxing.map.tiles;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** One protobuf message written to bytes: the tiles' and the glyphs' shared way of encoding. */
final class Protobuf {

    /** Writes the fields of one message. */
    interface Writer {
        void write(CodedOutputStream out) throws IOException;
    }

    private Protobuf() {
    }

    static byte[] message(Writer writer) {
        try {
            var bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            writer.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
