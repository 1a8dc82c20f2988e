/**
 * The API's operations (issue 22, decision 037): one list, read by the routes (to parse what comes
 * in), by the OpenAPI document (to describe it) and by the tests (to check every answer against
 * the document). Each area writes its operations and shapes in its own `operations.<area>.ts`; a
 * shape changes there or nowhere.
 */
import { AUDIT_OPERATIONS } from "./operations.audits";
import { GRIEVANCE_OPERATIONS } from "./operations.grievances";
import { INDICATOR_OPERATIONS } from "./operations.indicators";
import { QUESTIONNAIRE_OPERATIONS } from "./operations.questionnaires";
import { RECRUITER_OPERATIONS } from "./operations.recruiters";
import { REPORT_OPERATIONS } from "./operations.reports";
import { SHARE_OPERATIONS, SHARED_SUPPLIER_OPERATIONS } from "./operations.shares";
import { SUPPLIER_OPERATIONS } from "./operations.suppliers";

export { ProblemSchema, type Operation } from "./shapes";
export * from "./operations.suppliers";
export * from "./operations.recruiters";
export * from "./operations.indicators";
export * from "./operations.audits";
export * from "./operations.reports";
export * from "./operations.shares";
export * from "./operations.questionnaires";
export * from "./operations.grievances";

export const OPERATIONS = {
  ...SUPPLIER_OPERATIONS,
  ...RECRUITER_OPERATIONS,
  ...INDICATOR_OPERATIONS,
  ...AUDIT_OPERATIONS,
  ...REPORT_OPERATIONS,
  ...SHARE_OPERATIONS,
  ...SHARED_SUPPLIER_OPERATIONS,
  ...QUESTIONNAIRE_OPERATIONS,
  ...GRIEVANCE_OPERATIONS,
};

export type OperationId = keyof typeof OPERATIONS;
