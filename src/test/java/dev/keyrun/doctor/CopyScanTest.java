package dev.keyrun.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopyScanTest {
  private static final String VALUE = "copy-7Rk2Wq9Zx4Lm1Vb8";

  @TempDir Path directory;

  @Test
  void literalCopiesAreFoundByLine() throws Exception {
    Path file =
        write(
            "app.env",
            "# comment\n"
                + "A="
                + VALUE
                + "\n"
                + "export B='"
                + VALUE
                + "'\n"
                + "C=\""
                + VALUE
                + "\"  # quoted\n"
                + "D=other-value-123\n");

    List<CopyScan.Copy> copies = scan(file);

    assertEquals(3, copies.size(), copies.toString());
    assertEquals(new CopyScan.Copy(file, 2, "A", digest(VALUE)), copies.get(0));
    assertEquals(new CopyScan.Copy(file, 3, "B", digest(VALUE)), copies.get(1));
    assertEquals(new CopyScan.Copy(file, 4, "C", digest(VALUE)), copies.get(2));
  }

  @Test
  void expansionsAndReferencesAreSkipped() throws Exception {
    Path file =
        write(
            "app.env",
            "PART=${HOST}" + VALUE + "\nREF=dotenv:A\nDEFAULT=${MISSING:-" + VALUE + "}\n");

    assertEquals(List.of(), scan(file));
  }

  @Test
  void shortValuesHaveNoDigest() {
    assertNull(CopyScan.digest("12345".getBytes(StandardCharsets.UTF_8)));
    assertNotNull(CopyScan.digest("123456".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void invalidFileIsSkipped() throws Exception {
    Path file = write("broken.env", "A=" + VALUE + "\nB='unterminated\n");

    assertEquals(List.of(), scan(file));
    assertEquals(List.of(), scan(directory.resolve("absent.env")));
  }

  private List<CopyScan.Copy> scan(Path file) {
    CopyScan scan = new CopyScan(Set.of(digest(VALUE)));
    scan.scan(file);
    return scan.copies();
  }

  private Path write(String name, String content) throws Exception {
    return Files.writeString(directory.resolve(name), content);
  }

  private static String digest(String value) {
    return CopyScan.digest(value.getBytes(StandardCharsets.UTF_8));
  }
}
