package cz.souhra.infra;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** One jar for every role: command side, query side, embedded store, security and UI. */
@SpringBootApplication(scanBasePackages = "cz.souhra")
public class SouhraApplication {
    public static void main(String[] args) {
        SpringApplication.run(SouhraApplication.class, args);
    }
}
