package cz.souhra.shared.model;

/** How a member institution took part in a meeting; DELEGATE and SUBSTITUTE count as present. */
public enum AttendanceStatus {
    DELEGATE, SUBSTITUTE, EXCUSED, ABSENT;

    public boolean present() {
        return this == DELEGATE || this == SUBSTITUTE;
    }
}
