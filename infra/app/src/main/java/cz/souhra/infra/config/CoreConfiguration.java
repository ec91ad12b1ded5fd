package cz.souhra.infra.config;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The one clock of the application: edges read it, aggregates receive times in commands. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class CoreConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
