package io.asyncscenarios.io;

import io.vertx.core.buffer.Buffer;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8 that arrives in arbitrary chunks: a character whose bytes straddle two chunks is held
 * back until its last byte arrives, so no chunk boundary can corrupt it. The text handed out never ends
 * in half a surrogate pair either, so each piece can be transformed on its own.
 */
public final class Utf8Decoder {

  private final CharsetDecoder decoder;
  // At most the 3 leading bytes of a character still waiting for its last byte.
  private byte[] carry = new byte[0];
  private long bytesSeen;

  /**
   * @param strict refuse malformed input (files we transform) rather than replace it with U+FFFD (pages
   *               we only count, as a browser would)
   */
  public Utf8Decoder(boolean strict) {
    CodingErrorAction action = strict ? CodingErrorAction.REPORT : CodingErrorAction.REPLACE;
    decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(action).onUnmappableCharacter(action);
  }

  /** Decodes the next chunk; the bytes of an unfinished character wait for the next one. */
  public String decode(Buffer chunk) throws CharacterCodingException {
    byte[] bytes = chunk.getBytes();
    ByteBuffer in;
    if (carry.length == 0) {
      in = ByteBuffer.wrap(bytes);
    } else {
      in = ByteBuffer.allocate(carry.length + bytes.length).put(carry).put(bytes).flip();
    }
    CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
    CoderResult result = decoder.decode(in, out, false);
    if (result.isError()) {
      throw new CharacterCodingException() {
        @Override
        public String getMessage() {
          return "not valid UTF-8 near byte " + (bytesSeen - carry.length + in.position());
        }
      };
    }
    carry = new byte[in.remaining()];
    in.get(carry);
    bytesSeen += bytes.length;
    return out.flip().toString();
  }

  /** Whether bytes of an unfinished character are held back. */
  public boolean holdsPartialCharacter() {
    return carry.length > 0;
  }

  /** Counts a chunk of pure ASCII that was handled without decoding: only positions in messages need it. */
  public void skipAscii(int length) {
    bytesSeen += length;
  }

  /** Ends the input: what is still held back was a truncated character. */
  public String finish() throws CharacterCodingException {
    CharBuffer out = CharBuffer.allocate(carry.length + 2);
    CoderResult result = decoder.decode(ByteBuffer.wrap(carry), out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      throw new CharacterCodingException() {
        @Override
        public String getMessage() {
          return "not valid UTF-8: the input ends in the middle of a character";
        }
      };
    }
    carry = new byte[0];
    return out.flip().toString();
  }
}
