package cz.souhra.infra.store;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the embedded store.
 *
 * @param dataDir   where the store file and its lock live ({@code souhra.data-dir}, default ./data)
 * @param embedded  network and durability settings of the in-process server
 */
@ConfigurationProperties(prefix = "souhra")
public record StoreProperties(Path dataDir, Embedded embedded) {

    public StoreProperties {
        dataDir = dataDir == null ? Path.of("data") : dataDir;
        embedded = embedded == null ? new Embedded(null, 0, true, 30) : embedded;
    }

    /**
     * @param host                 interface to listen on; loopback unless another host must share the store
     * @param port                 0 = random private port; a fixed port lets a second process share the store
     * @param fsync                fsync each group commit (survives power loss, not only a killed process)
     * @param compactEverySeconds  how often sparse chunks are rewritten to keep the file bounded
     */
    public record Embedded(String host, int port, boolean fsync, long compactEverySeconds) {
        public Embedded {
            host = host == null ? "127.0.0.1" : host;
        }
    }
}
