package io.asyncscenarios.io;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BodySinkTest {

  @Test
  void countsCharactersAsPythonsLenDoes() {
    // "a", "가" (3 bytes), "😀" (4 bytes, two UTF-16 units), "b": Python's len() says 4.
    byte[] body = "a가😀b".getBytes(StandardCharsets.UTF_8);
    BodySink sink = BodySink.counting(1 << 20);
    // One byte at a time: every character is split across chunks, the emoji over four of them.
    for (byte b : body) {
      sink.write(Buffer.buffer(new byte[] {b}));
    }
    sink.end();
    assertEquals(4, sink.chars());
    assertEquals(body.length, sink.bytes());
  }

  @Test
  void aTruncatedCharacterAtTheEndCountsAsOneReplacement() {
    byte[] emoji = "😀".getBytes(StandardCharsets.UTF_8);
    BodySink sink = BodySink.counting(1 << 20);
    sink.write(Buffer.buffer(new byte[] {'x', emoji[0], emoji[1]}));
    sink.end();
    assertEquals(2, sink.chars());
  }
}
