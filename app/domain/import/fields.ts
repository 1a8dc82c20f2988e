/**
 * The platform fields a supplier or recruiter list can fill, with the header names they are known
 * by in the formats users already have: the platform's own template, Open Supply Hub's list
 * format, the OMTS supplier list, and typical ERP vendor exports. Header names are compared after
 * `normaliseHeader`, so case, spacing and punctuation do not matter.
 */
import type { ImportKind } from "#db/schema";
import { INDICATORS } from "../indicators";

export type FieldType =
  | "id"
  | "text"
  | "country"
  | "countries"
  | "list"
  | "integer"
  | "amount"
  | "share"
  | "boolean"
  | "licenceStatus"
  | "currency";

export interface FieldDef {
  key: string;
  label: string;
  type: FieldType;
  required?: boolean;
  maxLength: number;
  /** Header names this field is recognised by (normalised form). */
  aliases: string[];
  description: string;
  example: string;
}

const indicatorFields = (): FieldDef[] =>
  INDICATORS.map((i) => ({
    key: `indicator:${i.code}`,
    label: i.label,
    type: "boolean",
    maxLength: 20,
    aliases: [i.code, normaliseHeader(i.label), ...(INDICATOR_ALIASES[i.code] ?? [])],
    description: `Observed indicator${i.group === "ilo" ? ` (ILO forced-labour indicator ${"iloNumber" in i ? i.iloNumber : ""})` : " (recruitment)"}: yes, no, or empty when unknown.`,
    example: i.code === "worker_paid_fees" ? "yes" : "no",
  }));

const INDICATOR_ALIASES: Record<string, string[]> = {
  retention_of_documents: ["passports_retained", "retained_passports", "document_retention", "passport_retention", "retention_of_identity_documents"],
  worker_paid_fees: ["recruitment_fees_paid_by_workers", "worker_paid_recruitment_fees", "workers_pay_fees", "recruitment_fees"],
  excessive_overtime: ["overtime", "excessive_hours"],
  debt_bondage: ["bonded_labour", "bonded_labor"],
  withholding_of_wages: ["wage_withholding", "withheld_wages"],
  unlicensed_recruiter: ["unlicensed_recruiters", "uncertified_recruiter"],
  agency_subcontracting: ["uses_labour_agencies", "labour_agency_use", "subcontracting"],
};

export const SUPPLIER_FIELDS: FieldDef[] = [
  {
    key: "externalId",
    label: "Supplier id",
    type: "id",
    maxLength: 100,
    aliases: ["external_id", "supplier_id", "id", "vendor_no", "vendor_number", "vendor_id", "vendor_code", "supplier_code", "supplier_no", "supplier_number", "os_id", "facility_id", "no", "lieferantennummer", "lieferanten_nr", "lieferantennr", "lieferant_nr", "kreditor", "kreditorennummer", "kreditoren_nr", "kreditor_nr", "numero_fournisseur", "no_fournisseur", "n_fournisseur", "code_fournisseur", "id_fournisseur", "numero_de_proveedor", "numero_proveedor", "n_proveedor", "codigo_proveedor", "codigo_de_proveedor", "id_proveedor", "no_pembekal", "kod_pembekal", "id_pembekal", "รหัสผู้ขาย", "รหัสซัพพลายเออร์"],
    description: "Your own identifier for the supplier (ERP vendor number, Open Supply Hub id...). Used to recognise the supplier on the next upload. Without it, suppliers are matched by name and country.",
    example: "V-10023",
  },
  {
    key: "name",
    label: "Name",
    type: "text",
    required: true,
    maxLength: 300,
    aliases: ["name", "supplier_name", "vendor_name", "facility_name", "company_name", "supplier", "legal_name", "name_of_supplier", "lieferant", "lieferantenname", "name_des_lieferanten", "firma", "firmenname", "unternehmen", "fournisseur", "nom", "nom_du_fournisseur", "raison_sociale", "societe", "entreprise", "proveedor", "nombre", "nombre_del_proveedor", "nombre_proveedor", "razon_social", "empresa", "pembekal", "nama", "nama_pembekal", "nama_syarikat", "syarikat", "ชื่อ", "ชื่อบริษัท", "ชื่อผู้ขาย", "ผู้ขาย", "บริษัท", "ซัพพลายเออร์"],
    description: "The supplier's name as registered.",
    example: "Kebun Sawit Harapan Sdn Bhd",
  },
  {
    key: "address",
    label: "Address",
    type: "text",
    maxLength: 500,
    aliases: ["address", "street_address", "facility_address", "vendor_address", "supplier_address", "full_address", "street", "address_line_1", "address_1", "address1", "street_and_number", "anschrift", "adresse", "strasse", "strasse_und_hausnummer", "strasse_hausnummer", "rue", "adresse_postale", "direccion", "calle", "domicilio", "alamat", "ที่อยู่"],
    description: "Postal address of the workplace, or its street and number when city, postcode and state are columns of their own: they are then combined into the address as \"street, postcode city, state\".",
    example: "Lot 12, Jalan Ladang",
  },
  {
    key: "city",
    label: "City",
    type: "text",
    maxLength: 100,
    aliases: ["city", "town", "town_city", "facility_city", "vendor_city", "supplier_city", "stadt", "ort", "ortschaft", "gemeinde", "ville", "commune", "localite", "ciudad", "localidad", "municipio", "poblacion", "bandar", "เมือง"],
    description: "City or town of the workplace, when the list has it in a column of its own: it is added to the address.",
    example: "Sandakan",
  },
  {
    key: "postcode",
    label: "Postcode",
    type: "text",
    maxLength: 20,
    aliases: ["postcode", "post_code", "postal_code", "zip", "zip_code", "zipcode", "plz", "postleitzahl", "code_postal", "cp", "codigo_postal", "poskod", "รหัสไปรษณีย์"],
    description: "Postcode or ZIP code, when the list has it in a column of its own: it is added to the address.",
    example: "90000",
  },
  {
    key: "country",
    label: "Country",
    type: "country",
    maxLength: 100,
    aliases: ["country", "country_code", "jurisdiction", "country_region", "facility_country", "vendor_country", "supplier_country", "iso_country", "country_of_operation", "country_name", "land", "land_region", "lieferland", "pays", "pays_region", "pais", "pais_region", "negara", "ประเทศ"],
    description: "Where the workplace is: ISO code (MY, MYS) or name in English or another language (Malaysia, Malaisie, มาเลเซีย).",
    example: "MY",
  },
  {
    key: "region",
    label: "Region",
    type: "text",
    maxLength: 200,
    aliases: ["region", "province", "state", "state_province", "subdivision", "iso_3166_2", "admin_region", "bundesland", "provinz", "departement", "estado", "provincia", "comunidad_autonoma", "negeri", "wilayah", "จังหวัด"],
    description: "Province, state or region of the workplace: ISO 3166-2 code (CN-XJ) or name (Xinjiang). Optional: the region is also read from the address.",
    example: "CN-XJ",
  },
  {
    key: "sector",
    label: "Sector",
    type: "text",
    maxLength: 100,
    aliases: ["sector", "industry", "supplier_sector", "sector_name", "branche", "sektor", "wirtschaftszweig", "industrie", "secteur", "secteur_d_activite", "industria", "rubro", "industri", "ภาคอุตสาหกรรม", "อุตสาหกรรม"],
    description: "Sector of activity, e.g. Agriculture, Construction, Fishing, Manufacturing.",
    example: "Agriculture",
  },
  {
    key: "products",
    label: "Products",
    type: "list",
    maxLength: 1000,
    aliases: ["products", "product_type", "commodity", "commodities", "product", "goods", "main_products", "product_category", "produkte", "produkt", "waren", "warengruppe", "artikel", "produits", "produit", "marchandises", "productos", "producto", "mercancias", "produk", "barangan", "สินค้า", "ผลิตภัณฑ์"],
    description: "Products or commodities supplied, separated by semicolons.",
    example: "Palm oil; Palm kernels",
  },
  {
    key: "tier",
    label: "Tier",
    type: "integer",
    maxLength: 10,
    aliases: ["tier", "supplier_tier", "tier_level", "stufe", "lieferantenstufe", "niveau", "nivel", "tahap"],
    description: "Position in the supply chain: 1 for direct suppliers, 2 for their suppliers, and so on.",
    example: "2",
  },
  {
    key: "parentExternalId",
    label: "Parent supplier id",
    type: "id",
    maxLength: 100,
    aliases: ["parent_external_id", "parent_supplier", "parent_supplier_id", "parent_id", "parent"],
    description: "The id of the supplier this one supplies (for tier 2 and below).",
    example: "V-10001",
  },
  {
    key: "workersTotal",
    label: "Workers",
    type: "integer",
    maxLength: 20,
    aliases: ["workers_total", "number_of_workers", "workers", "employees", "headcount", "total_workers", "number_of_employees", "workforce", "mitarbeiter", "anzahl_mitarbeiter", "mitarbeiterzahl", "beschaftigte", "anzahl_beschaftigte", "arbeitnehmer", "employes", "nombre_d_employes", "nombre_de_salaries", "salaries", "effectif", "effectifs", "travailleurs", "nombre_de_travailleurs", "trabajadores", "numero_de_trabajadores", "empleados", "numero_de_empleados", "pekerja", "bilangan_pekerja", "jumlah_pekerja", "พนักงาน", "จำนวนพนักงาน", "แรงงาน", "จำนวนแรงงาน"],
    description: "Number of workers at the workplace (thousands separators allowed).",
    example: "1450",
  },
  {
    key: "migrantShare",
    label: "Migrant share",
    type: "share",
    maxLength: 20,
    aliases: ["migrant_share", "migrant_percent", "migrant_workers_percent", "migrant_workers_share", "percent_migrant", "percent_migrant_workers", "migrant_workers_pct", "share_of_migrant_workers", "migrant_workers", "anteil_migranten", "migranten_percent", "anteil_wanderarbeiter", "part_de_migrants", "migrants_percent", "porcentaje_migrantes", "migrantes_percent", "peratus_pekerja_asing", "pekerja_asing_percent"],
    description: "Share of migrant workers: 35%, 0.35 or 35.",
    example: "82%",
  },
  {
    key: "femaleShare",
    label: "Female share",
    type: "share",
    maxLength: 20,
    aliases: ["female_share", "female_percent", "female_workers_percent", "women_percent", "percent_female_workers", "female_workers_share", "women_share", "percent_female", "share_of_female_workers", "frauenanteil", "anteil_frauen", "frauen_percent", "part_de_femmes", "femmes_percent", "porcentaje_mujeres", "mujeres_percent", "peratus_wanita", "wanita_percent"],
    description: "Share of women workers: 35%, 0.35 or 35.",
    example: "18%",
  },
  { key: "identifier:lei", label: "LEI", type: "id", maxLength: 20, aliases: ["lei"], description: "Legal Entity Identifier.", example: "" },
  { key: "identifier:duns", label: "DUNS", type: "id", maxLength: 20, aliases: ["duns", "duns_number"], description: "D-U-N-S number.", example: "" },
  { key: "identifier:vat", label: "VAT number", type: "id", maxLength: 40, aliases: ["vat", "vat_number", "vat_id", "tax_id"], description: "VAT or tax registration number.", example: "" },
  {
    key: "links",
    label: "Recruiter ids",
    type: "list",
    maxLength: 1000,
    aliases: ["recruiter_ids", "recruiters", "recruiter_id", "labour_recruiters", "labor_recruiters", "agency_ids"],
    description: "Ids of the labour recruiters that place workers with this supplier, separated by semicolons. A recruiter must already be on the platform to be linked.",
    example: "RC-01; RC-05",
  },
  ...indicatorFields(),
];

export const RECRUITER_FIELDS: FieldDef[] = [
  {
    key: "externalId",
    label: "Recruiter id",
    type: "id",
    maxLength: 100,
    aliases: ["external_id", "recruiter_id", "agency_id", "id", "vendor_no", "vendor_number", "vendor_id", "code"],
    description: "Your own identifier for the recruiter. Without it, recruiters are matched by name and country.",
    example: "RC-01",
  },
  {
    key: "name",
    label: "Name",
    type: "text",
    required: true,
    maxLength: 300,
    aliases: ["name", "recruiter_name", "agency_name", "vendor_name", "company_name", "recruiter", "agency", "agentur", "vermittler", "personalvermittler", "agence", "agence_de_recrutement", "agencia", "agencia_de_reclutamiento", "agensi", "agensi_pekerjaan", "nama_agensi", "บริษัทจัดหางาน", "ชื่อบริษัทจัดหางาน"],
    description: "The recruitment agency's name.",
    example: "Dhaka Overseas Manpower Ltd",
  },
  {
    key: "licenceNumber",
    label: "Licence number",
    type: "id",
    maxLength: 100,
    aliases: ["licence_number", "license_number", "licence", "license", "licence_no", "license_no"],
    description: "The licence number issued by the labour ministry.",
    example: "RL-1187",
  },
  {
    key: "licenceStatus",
    label: "Licence status",
    type: "licenceStatus",
    maxLength: 30,
    aliases: ["licence_status", "license_status", "licensed", "licence_valid"],
    description: "valid, expired, revoked, none, or empty when unknown (yes/no are read as valid/none).",
    example: "valid",
  },
  {
    key: "country",
    label: "Country of operation",
    type: "country",
    maxLength: 100,
    aliases: ["country", "country_of_operation", "country_code", "jurisdiction", "country_region", "country_name", "land", "land_region", "pays", "pays_region", "pais", "pais_region", "negara", "ประเทศ"],
    description: "Where the recruiter is established: ISO code or English name.",
    example: "BD",
  },
  {
    key: "originCountries",
    label: "Origin countries",
    type: "countries",
    maxLength: 500,
    aliases: ["origin_countries", "origin_country", "source_countries", "corridors", "countries_of_origin", "herkunftslander", "pays_d_origine", "paises_de_origen", "negara_asal"],
    description: "Countries the recruited workers come from, separated by semicolons.",
    example: "BD; NP",
  },
  {
    key: "feesChargedToWorkers",
    label: "Fees charged to workers",
    type: "boolean",
    maxLength: 20,
    aliases: ["fees_charged_to_workers", "worker_paid_fees", "charges_workers_fees", "recruitment_fees_charged"],
    description: "Whether workers pay recruitment fees or costs: yes or no.",
    example: "yes",
  },
  {
    key: "feeAmount",
    label: "Fee amount",
    type: "amount",
    maxLength: 30,
    aliases: ["fee_amount", "fee", "recruitment_fee", "fees", "fee_per_worker"],
    description: "Recruitment fee paid by each worker (thousands separators allowed).",
    example: "4200",
  },
  {
    key: "feeCurrency",
    label: "Fee currency",
    type: "currency",
    maxLength: 20,
    aliases: ["fee_currency", "currency"],
    description: "ISO 4217 currency code of the fee, e.g. USD, MYR, BDT.",
    example: "USD",
  },
  {
    key: "certification",
    label: "Certification",
    type: "text",
    maxLength: 200,
    aliases: ["certification", "certifications", "certified", "iris_certification"],
    description: "Ethical-recruitment certification, e.g. IOM IRIS certified.",
    example: "IOM IRIS certified",
  },
  {
    key: "links",
    label: "Supplier ids",
    type: "list",
    maxLength: 1000,
    aliases: ["supplier_ids", "suppliers", "supplier_id", "placed_at", "client_supplier_ids"],
    description: "Ids of the suppliers this recruiter places workers with, separated by semicolons. A supplier must already be on the platform to be linked.",
    example: "V-10023",
  },
];

/**
 * A field's name in the catalog, "imports:" left off (identifier:lei → field.suppliers.identifier_lei,
 * an indicator column → field.indicator.<code>): read by field-labels.server.ts, and nested into
 * the mapping's refusals ("$t(imports:{{field}})"), which are written without knowing the reader.
 */
export const fieldCatalogKey = (kind: ImportKind, key: string): string =>
  key.startsWith("indicator:") ? `field.indicator.${key.slice("indicator:".length)}` : `field.${kind}.${key.replace(/:/g, "_")}`;

export function fieldsFor(kind: ImportKind): FieldDef[] {
  return kind === "suppliers" ? SUPPLIER_FIELDS : RECRUITER_FIELDS;
}

/**
 * "Vendor No." → "vendor_no"; "Country/Region" → "country_region"; " Número de trabajadores " →
 * "numero_de_trabajadores"; "Straße" → "strasse". Letters of other scripts are kept ("ประเทศ").
 */
export function normaliseHeader(header: string): string {
  return header
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/ß/g, "ss")
    .replace(/%/g, " percent ")
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, "_")
    .replace(/^_+|_+$/g, "");
}
