package dev.sneakerqc.support.problem;

/**
 * One field at fault in a request.
 *
 * @param field   the field's path in the request: {@code billOfMaterials[0].originCountry} for a body field, the
 *                parameter name for a query or path parameter
 * @param message what is wrong with it
 */
public record FieldError(String field, String message) {
}
