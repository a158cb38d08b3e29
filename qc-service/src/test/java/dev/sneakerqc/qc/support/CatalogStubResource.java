package dev.sneakerqc.qc.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Points QC's catalog REST client at the {@link CatalogStub}, and starts it. */
public class CatalogStubResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        CatalogStub.instance().start();
        return Map.of("quarkus.rest-client.catalog.url", CatalogStub.instance().url());
    }

    @Override
    public void stop() {
        // The stub outlives one Quarkus application, like the servers.
    }
}
