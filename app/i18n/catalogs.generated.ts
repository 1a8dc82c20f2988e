/**
 * Every catalog, one import per file, so both bundles (the server and the /locales route) carry them.
 * A test (tests/unit/i18n-catalogs.test.ts) fails when a file in catalogs/ is not listed here.
 */
import en_common from "./catalogs/en/common.json";
import en_public from "./catalogs/en/public.json";
import en_indicators from "./catalogs/en/indicators.json";
import en_home from "./catalogs/en/home.json";
import en_suppliers from "./catalogs/en/suppliers.json";
import en_imports from "./catalogs/en/imports.json";
import en_risk from "./catalogs/en/risk.json";
import en_audits from "./catalogs/en/audits.json";
import en_contests from "./catalogs/en/contests.json";
import en_reports from "./catalogs/en/reports.json";
import en_sharing from "./catalogs/en/sharing.json";
import en_regulator from "./catalogs/en/regulator.json";
import en_admin from "./catalogs/en/admin.json";
import en_account from "./catalogs/en/account.json";
import en_actions from "./catalogs/en/actions.json";
import en_activity from "./catalogs/en/activity.json";
import en_watchlists from "./catalogs/en/watchlists.json";
import en_grievances from "./catalogs/en/grievances.json";
import en_fees from "./catalogs/en/fees.json";
import en_questionnaire from "./catalogs/en/questionnaire.json";
import en_filings from "./catalogs/en/filings.json";
import en_api from "./catalogs/en/api.json";
import de_common from "./catalogs/de/common.json";
import de_public from "./catalogs/de/public.json";
import de_indicators from "./catalogs/de/indicators.json";
import de_home from "./catalogs/de/home.json";
import de_suppliers from "./catalogs/de/suppliers.json";
import de_imports from "./catalogs/de/imports.json";
import de_risk from "./catalogs/de/risk.json";
import de_audits from "./catalogs/de/audits.json";
import de_contests from "./catalogs/de/contests.json";
import de_reports from "./catalogs/de/reports.json";
import de_sharing from "./catalogs/de/sharing.json";
import de_regulator from "./catalogs/de/regulator.json";
import de_admin from "./catalogs/de/admin.json";
import de_account from "./catalogs/de/account.json";
import de_actions from "./catalogs/de/actions.json";
import de_activity from "./catalogs/de/activity.json";
import de_watchlists from "./catalogs/de/watchlists.json";
import de_grievances from "./catalogs/de/grievances.json";
import de_fees from "./catalogs/de/fees.json";
import de_questionnaire from "./catalogs/de/questionnaire.json";
import de_filings from "./catalogs/de/filings.json";
import de_api from "./catalogs/de/api.json";
import fr_common from "./catalogs/fr/common.json";
import fr_public from "./catalogs/fr/public.json";
import fr_indicators from "./catalogs/fr/indicators.json";
import fr_home from "./catalogs/fr/home.json";
import fr_suppliers from "./catalogs/fr/suppliers.json";
import fr_imports from "./catalogs/fr/imports.json";
import fr_risk from "./catalogs/fr/risk.json";
import fr_audits from "./catalogs/fr/audits.json";
import fr_contests from "./catalogs/fr/contests.json";
import fr_reports from "./catalogs/fr/reports.json";
import fr_sharing from "./catalogs/fr/sharing.json";
import fr_regulator from "./catalogs/fr/regulator.json";
import fr_admin from "./catalogs/fr/admin.json";
import fr_account from "./catalogs/fr/account.json";
import fr_actions from "./catalogs/fr/actions.json";
import fr_activity from "./catalogs/fr/activity.json";
import fr_watchlists from "./catalogs/fr/watchlists.json";
import fr_grievances from "./catalogs/fr/grievances.json";
import fr_fees from "./catalogs/fr/fees.json";
import fr_questionnaire from "./catalogs/fr/questionnaire.json";
import fr_filings from "./catalogs/fr/filings.json";
import fr_api from "./catalogs/fr/api.json";
import es_common from "./catalogs/es/common.json";
import es_public from "./catalogs/es/public.json";
import es_indicators from "./catalogs/es/indicators.json";
import es_home from "./catalogs/es/home.json";
import es_suppliers from "./catalogs/es/suppliers.json";
import es_imports from "./catalogs/es/imports.json";
import es_risk from "./catalogs/es/risk.json";
import es_audits from "./catalogs/es/audits.json";
import es_contests from "./catalogs/es/contests.json";
import es_reports from "./catalogs/es/reports.json";
import es_sharing from "./catalogs/es/sharing.json";
import es_regulator from "./catalogs/es/regulator.json";
import es_admin from "./catalogs/es/admin.json";
import es_account from "./catalogs/es/account.json";
import es_actions from "./catalogs/es/actions.json";
import es_activity from "./catalogs/es/activity.json";
import es_watchlists from "./catalogs/es/watchlists.json";
import es_grievances from "./catalogs/es/grievances.json";
import es_fees from "./catalogs/es/fees.json";
import es_questionnaire from "./catalogs/es/questionnaire.json";
import es_filings from "./catalogs/es/filings.json";
import es_api from "./catalogs/es/api.json";
import ms_common from "./catalogs/ms/common.json";
import ms_public from "./catalogs/ms/public.json";
import ms_indicators from "./catalogs/ms/indicators.json";
import ms_home from "./catalogs/ms/home.json";
import ms_suppliers from "./catalogs/ms/suppliers.json";
import ms_imports from "./catalogs/ms/imports.json";
import ms_risk from "./catalogs/ms/risk.json";
import ms_audits from "./catalogs/ms/audits.json";
import ms_contests from "./catalogs/ms/contests.json";
import ms_reports from "./catalogs/ms/reports.json";
import ms_sharing from "./catalogs/ms/sharing.json";
import ms_regulator from "./catalogs/ms/regulator.json";
import ms_admin from "./catalogs/ms/admin.json";
import ms_account from "./catalogs/ms/account.json";
import ms_actions from "./catalogs/ms/actions.json";
import ms_activity from "./catalogs/ms/activity.json";
import ms_watchlists from "./catalogs/ms/watchlists.json";
import ms_grievances from "./catalogs/ms/grievances.json";
import ms_fees from "./catalogs/ms/fees.json";
import ms_questionnaire from "./catalogs/ms/questionnaire.json";
import ms_filings from "./catalogs/ms/filings.json";
import ms_api from "./catalogs/ms/api.json";
import th_common from "./catalogs/th/common.json";
import th_public from "./catalogs/th/public.json";
import th_indicators from "./catalogs/th/indicators.json";
import th_home from "./catalogs/th/home.json";
import th_suppliers from "./catalogs/th/suppliers.json";
import th_imports from "./catalogs/th/imports.json";
import th_risk from "./catalogs/th/risk.json";
import th_audits from "./catalogs/th/audits.json";
import th_contests from "./catalogs/th/contests.json";
import th_reports from "./catalogs/th/reports.json";
import th_sharing from "./catalogs/th/sharing.json";
import th_regulator from "./catalogs/th/regulator.json";
import th_admin from "./catalogs/th/admin.json";
import th_account from "./catalogs/th/account.json";
import th_actions from "./catalogs/th/actions.json";
import th_activity from "./catalogs/th/activity.json";
import th_watchlists from "./catalogs/th/watchlists.json";
import th_grievances from "./catalogs/th/grievances.json";
import th_fees from "./catalogs/th/fees.json";
import th_questionnaire from "./catalogs/th/questionnaire.json";
import th_filings from "./catalogs/th/filings.json";
import th_api from "./catalogs/th/api.json";
import ne_public from "./catalogs/ne/public.json";
import ne_questionnaire from "./catalogs/ne/questionnaire.json";
import ne_common from "./catalogs/ne/common.json";
import ne_indicators from "./catalogs/ne/indicators.json";
import bn_public from "./catalogs/bn/public.json";
import bn_questionnaire from "./catalogs/bn/questionnaire.json";
import bn_common from "./catalogs/bn/common.json";
import bn_indicators from "./catalogs/bn/indicators.json";
import my_public from "./catalogs/my/public.json";
import my_questionnaire from "./catalogs/my/questionnaire.json";
import my_common from "./catalogs/my/common.json";
import my_indicators from "./catalogs/my/indicators.json";
import km_public from "./catalogs/km/public.json";
import km_questionnaire from "./catalogs/km/questionnaire.json";
import km_common from "./catalogs/km/common.json";
import km_indicators from "./catalogs/km/indicators.json";
import hi_public from "./catalogs/hi/public.json";
import hi_questionnaire from "./catalogs/hi/questionnaire.json";
import hi_common from "./catalogs/hi/common.json";
import hi_indicators from "./catalogs/hi/indicators.json";
import ur_public from "./catalogs/ur/public.json";
import ur_questionnaire from "./catalogs/ur/questionnaire.json";
import ur_common from "./catalogs/ur/common.json";
import ur_indicators from "./catalogs/ur/indicators.json";
import id_public from "./catalogs/id/public.json";
import id_questionnaire from "./catalogs/id/questionnaire.json";
import id_common from "./catalogs/id/common.json";
import id_indicators from "./catalogs/id/indicators.json";
import vi_public from "./catalogs/vi/public.json";
import vi_questionnaire from "./catalogs/vi/questionnaire.json";
import vi_common from "./catalogs/vi/common.json";
import vi_indicators from "./catalogs/vi/indicators.json";
import fil_public from "./catalogs/fil/public.json";
import fil_questionnaire from "./catalogs/fil/questionnaire.json";
import fil_common from "./catalogs/fil/common.json";
import fil_indicators from "./catalogs/fil/indicators.json";

export const catalogs = {
  en: { common: en_common, public: en_public, indicators: en_indicators, home: en_home, suppliers: en_suppliers, imports: en_imports, risk: en_risk, audits: en_audits, contests: en_contests, reports: en_reports, sharing: en_sharing, regulator: en_regulator, admin: en_admin, account: en_account, actions: en_actions, activity: en_activity, watchlists: en_watchlists, grievances: en_grievances, fees: en_fees, questionnaire: en_questionnaire, filings: en_filings, api: en_api },
  de: { common: de_common, public: de_public, indicators: de_indicators, home: de_home, suppliers: de_suppliers, imports: de_imports, risk: de_risk, audits: de_audits, contests: de_contests, reports: de_reports, sharing: de_sharing, regulator: de_regulator, admin: de_admin, account: de_account, actions: de_actions, activity: de_activity, watchlists: de_watchlists, grievances: de_grievances, fees: de_fees, questionnaire: de_questionnaire, filings: de_filings, api: de_api },
  fr: { common: fr_common, public: fr_public, indicators: fr_indicators, home: fr_home, suppliers: fr_suppliers, imports: fr_imports, risk: fr_risk, audits: fr_audits, contests: fr_contests, reports: fr_reports, sharing: fr_sharing, regulator: fr_regulator, admin: fr_admin, account: fr_account, actions: fr_actions, activity: fr_activity, watchlists: fr_watchlists, grievances: fr_grievances, fees: fr_fees, questionnaire: fr_questionnaire, filings: fr_filings, api: fr_api },
  es: { common: es_common, public: es_public, indicators: es_indicators, home: es_home, suppliers: es_suppliers, imports: es_imports, risk: es_risk, audits: es_audits, contests: es_contests, reports: es_reports, sharing: es_sharing, regulator: es_regulator, admin: es_admin, account: es_account, actions: es_actions, activity: es_activity, watchlists: es_watchlists, grievances: es_grievances, fees: es_fees, questionnaire: es_questionnaire, filings: es_filings, api: es_api },
  ms: { common: ms_common, public: ms_public, indicators: ms_indicators, home: ms_home, suppliers: ms_suppliers, imports: ms_imports, risk: ms_risk, audits: ms_audits, contests: ms_contests, reports: ms_reports, sharing: ms_sharing, regulator: ms_regulator, admin: ms_admin, account: ms_account, actions: ms_actions, activity: ms_activity, watchlists: ms_watchlists, grievances: ms_grievances, fees: ms_fees, questionnaire: ms_questionnaire, filings: ms_filings, api: ms_api },
  th: { common: th_common, public: th_public, indicators: th_indicators, home: th_home, suppliers: th_suppliers, imports: th_imports, risk: th_risk, audits: th_audits, contests: th_contests, reports: th_reports, sharing: th_sharing, regulator: th_regulator, admin: th_admin, account: th_account, actions: th_actions, activity: th_activity, watchlists: th_watchlists, grievances: th_grievances, fees: th_fees, questionnaire: th_questionnaire, filings: th_filings, api: th_api },
  ne: { common: ne_common, public: ne_public, questionnaire: ne_questionnaire, indicators: ne_indicators },
  bn: { common: bn_common, public: bn_public, questionnaire: bn_questionnaire, indicators: bn_indicators },
  my: { common: my_common, public: my_public, questionnaire: my_questionnaire, indicators: my_indicators },
  km: { common: km_common, public: km_public, questionnaire: km_questionnaire, indicators: km_indicators },
  hi: { common: hi_common, public: hi_public, questionnaire: hi_questionnaire, indicators: hi_indicators },
  ur: { common: ur_common, public: ur_public, questionnaire: ur_questionnaire, indicators: ur_indicators },
  id: { common: id_common, public: id_public, questionnaire: id_questionnaire, indicators: id_indicators },
  vi: { common: vi_common, public: vi_public, questionnaire: vi_questionnaire, indicators: vi_indicators },
  fil: { common: fil_common, public: fil_public, questionnaire: fil_questionnaire, indicators: fil_indicators },
};
