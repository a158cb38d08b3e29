package dev.sneakerqc.contract.production;

/**
 * A supplier lot of material that went into a batch: the link a recall follows.
 *
 * @param component         the bill-of-materials component the lot supplies
 * @param supplierLotNumber the supplier's own lot number, as printed on the delivery
 */
public record MaterialLot(Component component, String supplierLotNumber) {
}
