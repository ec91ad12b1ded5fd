package cz.souhra.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.axonframework.springboot.EventProcessorProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

/**
 * Processors named in application.yml get their settings from there, not from the default tracking
 * configuration, and Axon's default batch is one event: the read models then stored their token (a JSON
 * copy of the whole lookback window) after every event, which was most of their CPU in the bench
 * (catch-up 174 events/s; with batches of 20: 492 events/s).
 */
class ProcessorBatchConfigurationTest {

    @Test
    void given_the_shipped_configuration_when_bound_as_axon_binds_it_then_every_tracking_processor_handles_batches_from_the_lingering_source() throws Exception {
        var sources = new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yml"));
        Binder binder = new Binder(ConfigurationPropertySources.from(sources));

        Map<String, EventProcessorProperties.ProcessorSettings> processors =
                binder.bind("axon.eventhandling", EventProcessorProperties.class).get().getProcessors();

        assertThat(processors).containsKeys("history", "directory", "meetings", "issues", "measures");
        processors.forEach((name, settings) -> {
            if (settings.getMode() == EventProcessorProperties.Mode.TRACKING) {
                assertThat(settings.getBatchSize()).as(name).isGreaterThanOrEqualTo(20);
                // Axon gives a processor named there the bare event store unless it names a source.
                assertThat(settings.getSource()).as(name).isEqualTo("lingeringEvents");
            }
        });
    }
}
