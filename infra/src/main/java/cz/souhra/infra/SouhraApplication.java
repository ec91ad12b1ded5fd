package cz.souhra.infra;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** One jar for every role: command side, query side, embedded store, security and UI. */
@SpringBootApplication(scanBasePackages = "cz.souhra")
public class SouhraApplication {
    public static void main(String[] args) {
        disableUpdateChecker();
        SpringApplication.run(SouhraApplication.class, args);
    }

    /**
     * Axon's update checker reads a system property, not the Spring environment, and would otherwise
     * try to reach the internet at every start (closed networks of public offices log errors for it).
     */
    public static void disableUpdateChecker() {
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
    }
}
