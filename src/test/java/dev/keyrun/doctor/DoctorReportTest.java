package dev.keyrun.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class DoctorReportTest {
  @Test
  void summaryCountsOneWarning() {
    DoctorReport report =
        new DoctorReport(
            "/app",
            List.of(
                Finding.about("backups", Status.WARN, null, "copied", "exclude it"),
                Finding.about("stores", Status.FAIL, null, "readable", "chmod 600 FILE"),
                Finding.skipped("home-env-files", "no --home")));

    assertEquals("1 failed, 1 warning, 1 skipped", report.summary());
  }

  @Test
  void summaryCountsSeveralWarnings() {
    DoctorReport report =
        new DoctorReport(
            "/app",
            List.of(
                Finding.about("backups", Status.WARN, null, "copied", "exclude it"),
                Finding.about("disk-encryption", Status.WARN, null, "not encrypted", "encrypt"),
                Finding.ok("stores", "usable")));

    assertEquals("0 failed, 2 warnings, 0 skipped", report.summary());
  }
}
