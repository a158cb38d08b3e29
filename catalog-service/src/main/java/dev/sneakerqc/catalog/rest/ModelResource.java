package dev.sneakerqc.catalog.rest;

import dev.sneakerqc.catalog.domain.SneakerModel;
import dev.sneakerqc.catalog.rest.ModelDto.BomLineDto;
import dev.sneakerqc.catalog.rest.ModelDto.ModelRequest;
import dev.sneakerqc.catalog.rest.ModelDto.ModelView;
import dev.sneakerqc.catalog.rest.QcProfileDto.QcProfileRequest;
import dev.sneakerqc.catalog.service.ModelService;
import dev.sneakerqc.catalog.service.QcProfileService;
import dev.sneakerqc.contract.qc.QcProfile;
import dev.sneakerqc.support.problem.Problems;
import dev.sneakerqc.support.rest.BodyConstraints;
import dev.sneakerqc.support.rest.PathIds;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/models")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Models", description = "Sneaker models, their bill of materials and QC profile")
public class ModelResource {

    private final ModelService models;
    private final QcProfileService profiles;

    public ModelResource(ModelService models, QcProfileService profiles) {
        this.models = models;
        this.profiles = profiles;
    }

    @POST
    @Operation(summary = "Register a model", description = "The response carries the domestic value share "
            + "computed from the bill of materials. 409 when the style code is taken.")
    public Response register(@NotNull @Valid ModelRequest body) {
        BodyConstraints.check(body);
        if (body.styleCode() == null) {
            throw Problems.invalid("styleCode", "must not be null");
        }
        SneakerModel model = models.register(body.styleCode(), description(body));
        return Response.created(UriBuilder.fromResource(ModelResource.class).path(model.styleCode()).build())
                .entity(ModelView.of(model)).build();
    }

    @PUT
    @Path("/{styleCode}")
    @Operation(summary = "Revise a model", description = "Replaces name, line, category and bill of materials. "
            + "Batches already planned keep the label they were given.")
    public ModelView revise(@PathParam("styleCode") String styleCode, @NotNull @Valid ModelRequest body) {
        BodyConstraints.check(body);
        if (body.styleCode() != null && !body.styleCode().equals(styleCode)) {
            throw Problems.invalid("styleCode", "must match the style code of the path (" + styleCode
                    + ") or be left out");
        }
        return ModelView.of(models.revise(styleCode, description(body)));
    }

    @GET
    @Operation(summary = "List models by style code")
    public List<ModelView> list() {
        return models.list().stream().map(ModelView::of).toList();
    }

    @GET
    @Path("/{styleCode}")
    @Operation(summary = "Get a model")
    public ModelView get(@PathParam("styleCode") String styleCode) {
        return ModelView.of(models.get(styleCode));
    }

    @PUT
    @Path("/{styleCode}/qc-profile")
    @Operation(summary = "Save the model's QC profile", description = "Creates the next version (201) unless the "
            + "content equals the latest version, which is then returned unchanged (200).")
    public Response saveQcProfile(@PathParam("styleCode") String styleCode, @NotNull @Valid QcProfileRequest body) {
        BodyConstraints.check(body);
        QcProfileService.Saved saved = profiles.save(styleCode, body.inspectionLevel(),
                new QcProfile.Aql(body.aql().major(), body.aql().minor()),
                body.tests().stream().map(test -> new QcProfile.QcTest(test.method(), test.defectClass(), test.min(),
                        test.max(), test.unit())).toList());
        if (!saved.created()) {
            return Response.ok(saved.profile()).build();
        }
        return Response.created(UriBuilder.fromResource(ModelResource.class)
                        .path("{styleCode}/qc-profile/versions/{version}")
                        .build(styleCode, saved.profile().version()))
                .entity(saved.profile()).build();
    }

    @GET
    @Path("/{styleCode}/qc-profile")
    @Operation(summary = "Get the latest version of the model's QC profile")
    public QcProfile latestQcProfile(@PathParam("styleCode") String styleCode) {
        return profiles.latest(styleCode);
    }

    @GET
    @Path("/{styleCode}/qc-profile/versions/{version}")
    @Operation(summary = "Get a version of the model's QC profile")
    public QcProfile qcProfileVersion(@PathParam("styleCode") String styleCode,
                                      @PathParam("version") String version) {
        int number = PathIds.positiveInt(version)
                .orElseThrow(() -> Problems.notFound("QC profile version " + version + " of model", styleCode));
        return profiles.version(styleCode, number);
    }

    private static ModelService.Description description(ModelRequest body) {
        return new ModelService.Description(body.name(), body.line(), body.category(),
                body.billOfMaterials().stream().map(BomLineDto::toDomain).toList());
    }
}
