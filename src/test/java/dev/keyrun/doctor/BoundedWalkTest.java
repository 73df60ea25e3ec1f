package dev.keyrun.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoundedWalkTest {
  @TempDir Path directory;

  @Test
  void budgetStopsWalkWithReason() throws Exception {
    for (int i = 0; i < 10; i++) {
      Files.writeString(directory.resolve("f" + i), "");
    }
    BoundedWalk walk = new BoundedWalk(5, d -> false, f -> true);

    walk.walk(directory, 3);
    walk.walk(directory, 3);

    assertEquals(4, walk.files().size(), walk.files().toString());
    assertEquals("the walk stopped after 5 files and directories", walk.limit());
  }

  @Test
  void symbolicLinksAndSkippedDirectoriesNotEntered() throws Exception {
    Path real = Files.createDirectories(directory.resolve("real"));
    Files.writeString(real.resolve("a.env"), "");
    Files.createSymbolicLink(directory.resolve("link"), real);
    Files.createDirectories(directory.resolve("top/node_modules"));
    Files.writeString(directory.resolve("top/node_modules/b.env"), "");
    Files.createSymbolicLink(directory.resolve("top/c.env"), real.resolve("a.env"));
    BoundedWalk walk =
        new BoundedWalk(100, d -> BoundedWalk.name(d).equals("node_modules"), f -> true);

    walk.walk(directory.resolve("link"), 3);
    walk.walk(directory.resolve("top"), 3);
    walk.walk(directory.resolve("missing"), 3);

    assertEquals(List.of(), walk.files());
    assertTrue(walk.limit().isEmpty(), walk.limit());
  }

  @Test
  void homeWalkLeavesOutProject() throws Exception {
    Path project = Files.createDirectories(directory.resolve("src/app"));
    Files.writeString(project.resolve(".env"), "");
    Files.writeString(Files.createDirectories(directory.resolve("src/lib")).resolve(".env"), "");

    BoundedWalk walk = HomeWalk.over(directory, project);

    assertEquals(List.of(directory.resolve("src/lib/.env")), walk.files());
  }
}
