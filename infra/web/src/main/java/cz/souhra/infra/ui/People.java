package cz.souhra.infra.ui;

import java.util.Map;

/**
 * People by the name they go by: histories and the audit log keep user names ({@code uprace}) and the
 * scheduler's {@code system:…} actors, which mean nothing to the person reading them.
 */
public final class People {

    private final Map<String, String> names;
    private final String system;

    People(Map<String, String> names, String system) {
        this.names = names;
        this.system = system;
    }

    /** The display name, the user name when the account has none, and "the system" for scheduled work. */
    public String of(String user) {
        if (user == null || user.isBlank()) {
            return "";
        }
        if (user.equals("system") || user.startsWith("system:")) {
            return system;
        }
        String name = names.get(user);
        return name == null || name.isBlank() ? user : name;
    }
}
