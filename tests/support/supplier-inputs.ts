import type { SupplierInputs } from "../../app/domain/risk/types";

/** A supplier's scoring inputs with nothing known, overridden by `over`: the risk tests' one factory. */
export const supplierInputs = (over: Partial<SupplierInputs> = {}): SupplierInputs => ({
  country: null,
  sector: null,
  products: [],
  workersTotal: null,
  migrantShare: null,
  femaleShare: null,
  indicators: {},
  recruiters: [],
  mitigations: {},
  ...over,
});
