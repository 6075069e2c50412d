package io.asyncscenarios.text;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class PrintableTest {

  @Test
  void escapesEveryControlCharacterOnOneLine() {
    assertEquals("a\\nb\\r\\tc\\u0000\\u001b[31m\\u007f\\u0085", Printable.escape("a\nb\r\tc\0\u001b[31m\u007f\u0085"));
    assertEquals("one\\u2028two", Printable.escape("one\u2028two"));
    assertEquals("a\\u202egnp.json", Printable.escape("a\u202egnp.json"));
  }

  @Test
  void leavesPrintableTextAsItIs() {
    String text = "비동기 ok, \"quoted\" \\ slash";
    assertSame(text, Printable.escape(text));
  }

  @Test
  void keepsLineBreaksOnlyWhenAsked() {
    assertEquals("one\ntwo\\u001b", Printable.escapeKeepingLines("one\ntwo\u001b"));
  }

  @Test
  void quotesAndCutsLongValuesShort() {
    assertEquals("\"" + "x".repeat(Printable.MAX_SHOWN) + "…\"", Printable.quoted("x".repeat(1_000_000)));
    assertEquals("\"a\\nb\"", Printable.quoted("a\nb"));
  }
}
