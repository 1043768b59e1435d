/**
 * The runtime helpers emitted into every generated file live in `runtime.ts` (a real module);
 * `RUNTIME_SOURCE` is its text, generated at build time. Every name it declares is listed in
 * `RUNTIME_NAMES`, so generated identifiers never collide with it.
 */
export { RUNTIME_SOURCE } from './runtime-text.js';

/** Names declared by `RUNTIME_SOURCE` (top level). */
export const RUNTIME_NAMES: readonly string[] = [
  'PageObjectResponse', 'CreatePageParameters', 'UpdatePageParameters',
  'NotionPageProperties', 'NotionPropertyValueRequest', 'NotionDateValue', 'NotionFileValue', 'NotionPlaceValue',
  'NotionVerificationValue', 'NotionAnyValue', 'NotionSchemaPropertySpec', 'NotionSchemaDataSourceSpec',
  'NotionSchemaParseError', 'NsObject', 'NsContext', 'NsReader',
  'nsFail', 'nsDescribe', 'nsIsObject', 'nsArray', 'nsNormalizeId', 'nsSameKey', 'nsCheckPage', 'nsField',
  'nsPlainText', 'nsTitle', 'nsRichText', 'nsNumber', 'nsStringOrNull', 'nsUrl', 'nsEmail', 'nsPhoneNumber',
  'nsCheckbox', 'nsOptionName', 'nsOptionOf', 'nsMultiSelectOf', 'nsDateIn', 'nsDate', 'nsIds', 'nsPeople', 'nsRelation',
  'nsFiles', 'nsTime', 'nsUserId', 'nsUniqueId', 'nsPlace', 'nsVerification', 'nsFormulaString',
  'nsFormulaNumber', 'nsFormulaBoolean', 'nsFormulaDate', 'nsFormulaAny', 'nsFormulaResult', 'nsRollupNumber',
  'nsRollupDate', 'nsRollupArrayOf', 'nsRollupResult', 'nsAny', 'nsText', 'nsKey', 'nsWriteTitle',
  'nsWriteRichText', 'nsWriteNumber', 'nsWriteSelect', 'nsWriteStatus', 'nsWriteMultiSelect', 'nsWriteDate',
  'nsWriteCheckbox', 'nsWriteUrl', 'nsWriteEmail', 'nsWritePhoneNumber', 'nsWritePeople', 'nsWriteRelation',
  'nsWriteFiles', 'nsWritePlace', 'nsReadPage', 'nsHas', 'nsDefine',
];

/** The helper source, emitted once per generated file after the imports. */
