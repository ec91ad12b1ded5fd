package cz.souhra.shared.model;

import cz.souhra.shared.ids.InstitutionId;

/** One line of the attendance sheet (prezence): who attended for which institution, or why not. */
public record Attendance(InstitutionId institution, AttendanceStatus status, String delegate, String substitute) {}
