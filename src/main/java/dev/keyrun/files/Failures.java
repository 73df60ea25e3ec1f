package dev.keyrun.files;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** Short reasons for file errors, for messages that name the path separately. */
public final class Failures {
  private Failures() {}

  /**
   * Returns why {@code failure} happened without the path, such as "permission denied" or "No space
   * left on device". The reason comes from the operating system and never contains file content.
   */
  public static String reason(IOException failure) {
    if (failure instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (failure instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (failure instanceof FileAlreadyExistsException) {
      return "file exists";
    }
    if (failure instanceof FileSystemException
        && ((FileSystemException) failure).getReason() != null) {
      return ((FileSystemException) failure).getReason();
    }
    return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
  }
}
