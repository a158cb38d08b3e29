package dev.sneakerqc.qc.rest;

import io.agroal.api.AgroalDataSource;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** What this service is and which schema version it runs on; the QC API follows. */
@Path("/api/info")
@Produces(MediaType.APPLICATION_JSON)
public class ServiceInfoResource {

    /**
     * @param name          the service
     * @param schemaVersion the latest applied Flyway migration
     */
    public record ServiceInfo(String name, String schemaVersion) {
    }

    private final AgroalDataSource dataSource;
    private final String name;

    public ServiceInfoResource(AgroalDataSource dataSource,
                               @ConfigProperty(name = "quarkus.application.name") String name) {
        this.dataSource = dataSource;
        this.name = name;
    }

    @GET
    public ServiceInfo info() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(
                     "select version from flyway_schema_history where success order by installed_rank desc limit 1")) {
            return new ServiceInfo(name, result.next() ? result.getString(1) : null);
        }
    }
}
