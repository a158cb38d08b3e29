package dev.sneakerqc.contract.production;

/** The parts of a sneaker's bill of materials; {@link #LABOUR} is the value added by assembly. */
public enum Component {
    UPPER, LINING, MIDSOLE, OUTSOLE, INSOLE, LACES, EYELETS, PACKAGING, LABOUR
}
