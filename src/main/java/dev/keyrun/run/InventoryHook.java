package dev.keyrun.run;

import dev.keyrun.dotenv.Piece;
import dev.keyrun.inventory.RunRecorder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands the references of a run's selected keys to the inventory, with the file of each. */
final class InventoryHook {
  private static final Logger LOG = LoggerFactory.getLogger("keyrun");

  private InventoryHook() {}

  static void record(List<Declaration> selected, Map<String, byte[]> environment, Path home) {
    try {
      RunRecorder.record(sightings(selected), environment, home);
    } catch (RuntimeException e) {
      // A failure to record is logged and the run goes on. RunRecorder handles I/O errors alike.
      LOG.debug("inventory not updated: {}", e.toString());
    }
  }

  private static List<RunRecorder.Sighting> sightings(List<Declaration> selected) {
    List<RunRecorder.Sighting> sightings = new ArrayList<>();
    for (Declaration declaration : selected) {
      // The source is the path of the env file, or of a manifest, as it was given to keyrun.
      String project =
          declaration.inherited()
              ? null
              : Path.of(declaration.value().source()).toAbsolutePath().normalize().toString();
      for (Piece piece : declaration.value().pieces()) {
        if (piece.reference()) {
          sightings.add(new RunRecorder.Sighting(piece.text(), declaration.key(), project));
        }
      }
    }
    return sightings;
  }
}
