package dev.sneakerqc.qc.client;

import dev.sneakerqc.contract.qc.QcProfile;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The catalog's REST API, as far as QC uses it ({@code quarkus.rest-client.catalog.url}). */
@RegisterRestClient(configKey = "catalog")
@Path("/api/models")
@Produces(MediaType.APPLICATION_JSON)
public interface CatalogClient {

    /** The latest version of a model's QC profile; 404 when the model or its profile does not exist. */
    @GET
    @Path("/{styleCode}/qc-profile")
    QcProfile latestQcProfile(@PathParam("styleCode") String styleCode);
}
