/**
 * Pages and components whose text is not yet in the catalogs (issue 18): the no-literal-string
 * rule skips them. Remove a file from this list when it is moved to t("…"); never add one.
 * Grouped by feature so that two people converting two features do not edit the same lines.
 */
export const I18N_PENDING = [
];
