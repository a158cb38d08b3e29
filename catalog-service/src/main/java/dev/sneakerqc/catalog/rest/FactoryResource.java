package dev.sneakerqc.catalog.rest;

import dev.sneakerqc.catalog.domain.Factory;
import dev.sneakerqc.catalog.rest.FactoryDto.FactoryView;
import dev.sneakerqc.catalog.rest.FactoryDto.RegisterFactory;
import dev.sneakerqc.catalog.service.FactoryService;
import dev.sneakerqc.support.rest.BodyConstraints;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/factories")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Factories", description = "Factories that make batches")
public class FactoryResource {

    private final FactoryService factories;

    public FactoryResource(FactoryService factories) {
        this.factories = factories;
    }

    @POST
    @Operation(summary = "Register a factory", description = "409 when the code is taken.")
    public Response register(@NotNull @Valid RegisterFactory body) {
        BodyConstraints.check(body);
        Factory factory = factories.register(body.code(), body.name(), body.city(), body.region(), body.country());
        return Response.created(UriBuilder.fromResource(FactoryResource.class).path(factory.code()).build())
                .entity(FactoryView.of(factory)).build();
    }

    @GET
    @Operation(summary = "List factories by code")
    public List<FactoryView> list() {
        return factories.list().stream().map(FactoryView::of).toList();
    }

    @GET
    @Path("/{code}")
    @Operation(summary = "Get a factory")
    public FactoryView get(@PathParam("code") String code) {
        return FactoryView.of(factories.get(code));
    }
}
