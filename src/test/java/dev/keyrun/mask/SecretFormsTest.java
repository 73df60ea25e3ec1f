package dev.keyrun.mask;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SecretFormsTest {

  @Test
  void plainValueIsFirstForm() {
    List<String> forms = forms("abcdef-secret");

    assertEquals("abcdef-secret", forms.get(0));
  }

  @Test
  void formsAreTrimmed() {
    List<String> forms = forms(" \t abcdef secret\r\n");

    assertEquals("abcdef secret", forms.get(0));
    for (String form : forms) {
      assertEquals(form.strip(), form);
    }
  }

  @Test
  void formsAreDistinct() {
    List<String> forms = forms("abcdefgh");

    assertEquals(new HashSet<>(forms).size(), forms.size(), forms.toString());
  }

  @Test
  void formsAreLongEnough() {
    for (String form : forms("abcdef\nxy\nlong-enough")) {
      assertTrue(form.length() >= Masks.MIN_LENGTH, form);
    }
  }

  @Test
  void shortValueHasNoForms() {
    assertEquals(List.of(), forms("  abcde \n"));
  }

  @Test
  void eachLineIsForm() {
    List<String> forms = forms("first-line\r\nsecond-line\nxy\n\nthird-line");

    assertTrue(forms.contains("first-line"), forms.toString());
    assertTrue(forms.contains("second-line"), forms.toString());
    assertTrue(forms.contains("third-line"), forms.toString());
    assertFalse(forms.contains("xy"), forms.toString());
  }

  @Test
  void base64FormsPresent() {
    byte[] value = "s3cret>>>?value~~".getBytes(UTF_8);

    List<String> forms = forms("s3cret>>>?value~~");

    assertTrue(forms.contains("czNjcmV0Pj4+P3ZhbHVlfn4="), forms.toString());
    assertTrue(forms.contains("czNjcmV0Pj4+P3ZhbHVlfn4"), forms.toString());
    assertTrue(forms.contains("czNjcmV0Pj4-P3ZhbHVlfn4="), forms.toString());
    assertTrue(forms.contains("czNjcmV0Pj4-P3ZhbHVlfn4"), forms.toString());
    assertEquals(Base64.getEncoder().encodeToString(value), "czNjcmV0Pj4+P3ZhbHVlfn4=");
  }

  @Test
  void embeddedBase64KeepsOnlyKnownCharacters() {
    byte[] value = "abcdef".getBytes(UTF_8);

    // 6 bytes are 48 bits: 8 whole characters at alignment 0. After 1 byte, bits 8 to 56 give
    // characters 2 to 8; after 2 bytes, bits 16 to 64 give characters 3 to 9.
    assertEquals("YWJjZGVm", embedded(value, 0));
    assertEquals("FiY2RlZ", embedded(value, 1));
    assertEquals("hYmNkZW", embedded(value, 2));
  }

  @Test
  void embeddedBase64FoundInsideLongerText() {
    Random random = new Random(7);
    for (int round = 0; round < 500; round++) {
      byte[] value = randomBytes(random, 6 + random.nextInt(30));
      byte[] before = randomBytes(random, random.nextInt(8));
      byte[] after = randomBytes(random, random.nextInt(4));
      byte[] text = concat(before, value, after);
      String encoded = Base64.getEncoder().encodeToString(text);
      String urlEncoded = Base64.getUrlEncoder().withoutPadding().encodeToString(text);

      int alignment = before.length % 3;
      String standard = embedded(value, alignment);
      String url =
          new String(Base64Forms.embedded(Base64.getUrlEncoder(), value, alignment), UTF_8);

      assertTrue(encoded.contains(standard), "round " + round);
      assertTrue(urlEncoded.contains(url), "round " + round);
      assertTrue(standard.length() >= 4 * value.length / 3 - 2, "round " + round);
    }
  }

  @Test
  void percentFormsPresent() {
    List<String> forms = forms("a b/c+d&é~");

    assertTrue(forms.contains("a%20b%2Fc%2Bd%26%C3%A9~"), forms.toString());
    assertTrue(forms.contains("a%20b%2fc%2bd%26%c3%a9~"), forms.toString());
    assertTrue(forms.contains("a+b%2Fc%2Bd%26%C3%A9~"), forms.toString());
  }

  @Test
  void jsonFormsPresent() {
    List<String> forms = forms("q\"b\\n\n\u001f/é😀");

    assertTrue(forms.contains("q\\\"b\\\\n\\n\\u001f/é😀"), forms.toString());
    assertTrue(forms.contains("q\\\"b\\\\n\\n\\u001F/é😀"), forms.toString());
    assertTrue(forms.contains("q\\\"b\\\\n\\n\\u001f\\/é😀"), forms.toString());
    assertTrue(forms.contains("q\\\"b\\\\n\\n\\u001f/\\u00e9\\ud83d\\ude00"), forms.toString());
    assertTrue(forms.contains("q\\\"b\\\\n\\n\\u001F/\\u00E9\\uD83D\\uDE00"), forms.toString());
    assertTrue(forms.contains("q\\\"b\\\\n\\n\\u001f\\/\\u00e9\\ud83d\\ude00"), forms.toString());
  }

  @Test
  void jsonShortEscapesUsed() {
    List<String> forms = forms("tab\there\bback\fform\rret");

    assertTrue(forms.contains("tab\\there\\bback\\fform\\rret"), forms.toString());
  }

  @Test
  void trimmedLengthIgnoresOnlyAsciiWhitespace() {
    assertEquals(0, SecretForms.trimmedLength(" \t\r\n ".getBytes(UTF_8)));
    assertEquals(3, SecretForms.trimmedLength("\n a b\t".getBytes(UTF_8)));
    assertEquals(4, SecretForms.trimmedLength("\u000babc".getBytes(UTF_8)));
  }

  private static List<String> forms(String value) {
    List<String> texts = new ArrayList<>();
    for (byte[] form : SecretForms.of(value.getBytes(UTF_8))) {
      texts.add(new String(form, UTF_8));
    }
    return texts;
  }

  private static String embedded(byte[] value, int alignment) {
    return new String(Base64Forms.embedded(Base64.getEncoder(), value, alignment), UTF_8);
  }

  private static byte[] randomBytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] all = new byte[length];
    int position = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, all, position, part.length);
      position += part.length;
    }
    return all;
  }
}
